import Foundation
import Testing
@testable import Paranom

/// Parses `text` expecting failure; returns the error.
private func failure(_ text: String) -> JSONParseError? {
    failure(Array(text.utf8))
}

private func failure(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        let value = try JSONValue(parsing: bytes)
        Issue.record("expected a parse error, got \(value.serialized)")
        return nil
    } catch {
        return error
    }
}

private func expectError(
    _ text: String, line: Int, column: Int, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectError(Array(text.utf8), line: line, column: column, message, sourceLocation: sourceLocation)
}

private func expectError(
    _ bytes: [UInt8], line: Int, column: Int, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error = failure(bytes) else { return }
    #expect(error.message == message, sourceLocation: sourceLocation)
    #expect(error.line == line, "line", sourceLocation: sourceLocation)
    #expect(error.column == column, "column", sourceLocation: sourceLocation)
}

private let realistic = """
    {
      "name": "paranom",
      "version": 3,
      "seed": 18446744073709551615,
      "ratio": -1.25e-3,
      "enabled": true,
      "parent": null,
      "tags": ["alpha", "beta", "\\u00e9t\\u00e9", "emoji \\ud83d\\ude00", "tab\\there"],
      "limits": {"depth": 256, "width": 1E+2, "nested": {"empty": {}, "list": [[], [0, -0, 0.5]]}},
      "zebra": "last key written first?",
      "alpha": "no, order is kept"
    }
    """

@Suite struct JSONParsingTests {
    @Test func roundTripRealisticDocument() throws {
        let value = try JSONValue(parsing: realistic)
        let compact = value.serialized
        #expect(try JSONValue(parsing: compact) == value)
        #expect(try JSONValue(parsing: value.prettyPrinted) == value)
        #expect(compact.utf8.count < realistic.utf8.count)
        // Serialization is a fixed point.
        #expect(try JSONValue(parsing: compact).serialized == compact)
        // Foundation agrees that the output is valid JSON.
        #expect(throws: Never.self) {
            try JSONSerialization.jsonObject(with: Data(compact.utf8))
        }
        #expect(value["tags"]?[2]?.stringValue == "été")
        #expect(value["tags"]?[3]?.stringValue == "emoji 😀")
        #expect(value["tags"]?[4]?.stringValue == "tab\there")
        #expect(value["limits"]?["nested"]?["list"]?[1]?[1] == .number("-0"))
        #expect(value["limits"]?["width"]?.int64Value == 100)
        #expect(value["ratio"]?.doubleValue == -0.00125)
        #expect(value["seed"]?.uint64Value == UInt64.max)
        #expect(value["seed"]?.int64Value == nil)
    }

    @Test func memberOrderIsKept() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": 2, "m": {"y": true, "b": false}, "c": null}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m", "c"])
        #expect(value["m"]?.objectMembers?.map(\.key) == ["y", "b"])
        #expect(value.serialized == #"{"z":1,"a":2,"m":{"y":true,"b":false},"c":null}"#)
        // Order matters for equality.
        #expect(value != (try JSONValue(parsing: #"{"a": 2, "z": 1, "m": {"y": true, "b": false}, "c": null}"#)))
    }

    @Test func numbersKeepTheirLiteral() throws {
        let value = try JSONValue(parsing: "[1.50, 1E5, -0, 0e-0, 12345678901234567890123]")
        #expect(value.serialized == "[1.50,1E5,-0,0e-0,12345678901234567890123]")
    }

    @Test func scalarsAndWhitespace() throws {
        #expect(try JSONValue(parsing: " \t\r\n true \n") == .bool(true))
        #expect(try JSONValue(parsing: "false") == .bool(false))
        #expect(try JSONValue(parsing: "null") == .null)
        #expect(try JSONValue(parsing: "\"x\"") == .string("x"))
        #expect(try JSONValue(parsing: "-12.5e+3") == .number("-12.5e+3"))
        #expect(try JSONValue(parsing: "[ ]") == .array([]))
        #expect(try JSONValue(parsing: "{ }") == .object([]))
    }

    @Test func escapesDecode() throws {
        let value = try JSONValue(parsing: #""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\uD83D\uDE00\u0000""#)
        #expect(value.stringValue == "\"\\/\u{08}\u{0C}\n\r\tAé€😀\u{0}")
        let raw = try JSONValue(parsing: "\"é€😀\u{7F}\"")
        #expect(raw.stringValue == "é€😀\u{7F}")
    }

    @Test func byteMarkOrderIsSkipped() throws {
        #expect(try JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number("1")]))
        let error = failure([0xEF, 0xBB, 0xBF] + Array("[1,]".utf8))
        #expect(error == JSONParseError(line: 1, column: 4, byteOffset: 6, message: "trailing comma before ']'"))
        // A BOM anywhere else is not whitespace.
        expectError([0x20, 0xEF, 0xBB, 0xBF, 0x31], line: 1, column: 2, "unexpected character '\u{FEFF}', expected a value")
    }

    @Test func inputKinds() throws {
        let bytes = Array(#"{"k": [1, "two"]}"#.utf8)
        let expected: JSONValue = ["k": [1, "two"]]
        #expect(try JSONValue(parsing: bytes) == expected)
        #expect(try JSONValue(parsing: bytes[...]) == expected)
        #expect(try JSONValue(parsing: bytes.lazy.map { $0 }) == expected)  // non-contiguous path
        let bridged = String(NSString(string: #"{"k": [1, "two"]}"#))
        #expect(try JSONValue(parsing: bridged) == expected)
        #expect(try JSONValue(parsing: Substring("xx[1]").dropFirst(2).utf8) == .array([1]))
    }

    @Test func nestingLimit() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONValue(parsing: ok) }
        let objects = String(repeating: #"{"a":"#, count: 256) + "1" + String(repeating: "}", count: 256)
        #expect(throws: Never.self) { try JSONValue(parsing: objects) }
        expectError(
            String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
            line: 1, column: 257, "nesting too deep (the limit is 256 levels)")
        expectError(
            String(repeating: #"{"a":"#, count: 257) + "1" + String(repeating: "}", count: 257),
            line: 1, column: 256 * 5 + 1, "nesting too deep (the limit is 256 levels)")
        // Far deeper input fails the same way instead of overflowing the stack.
        expectError(String(repeating: "[", count: 1_000_000), line: 1, column: 257,
            "nesting too deep (the limit is 256 levels)")
    }
}

@Suite struct JSONErrorTests {
    @Test func trailingCommas() {
        expectError("[1, 2,]", line: 1, column: 7, "trailing comma before ']'")
        expectError("{\n  \"a\": 1,\n}", line: 3, column: 1, "trailing comma before '}'")
        expectError("[1,,2]", line: 1, column: 4, "unexpected character ',', expected a value")
    }

    @Test func numbers() {
        expectError(#"{"seed": 01}"#, line: 1, column: 10, #"invalid number "01""#)
        expectError("[-01]", line: 1, column: 2, #"invalid number "-01""#)
        expectError("[1.]", line: 1, column: 2, #"invalid number "1.""#)
        expectError("[.5]", line: 1, column: 2, #"invalid number ".5""#)
        expectError("[+1]", line: 1, column: 2, #"invalid number "+1""#)
        expectError("[1e]", line: 1, column: 2, #"invalid number "1e""#)
        expectError("[1.5e+]", line: 1, column: 2, #"invalid number "1.5e+""#)
        expectError("[-]", line: 1, column: 2, #"invalid number "-""#)
        expectError("[0x1F]", line: 1, column: 2, #"invalid number "0x1F""#)
        expectError("[1.2.3]", line: 1, column: 2, #"invalid number "1.2.3""#)
        expectError("[-Infinity]", line: 1, column: 2, #"invalid number "-Infinity""#)
        expectError("  12a", line: 1, column: 3, #"invalid number "12a""#)
    }

    @Test func literals() {
        expectError(#"{"a": yes}"#, line: 1, column: 7, #"invalid literal "yes""#)
        expectError("[NaN]", line: 1, column: 2, #"invalid literal "NaN""#)
        expectError("[Infinity]", line: 1, column: 2, #"invalid literal "Infinity""#)
        expectError("tru", line: 1, column: 1, #"invalid literal "tru""#)
        expectError("nulls", line: 1, column: 1, #"invalid literal "nulls""#)
        expectError("True", line: 1, column: 1, #"invalid literal "True""#)
        expectError("['a']", line: 1, column: 2, "single-quoted strings are not allowed")
        expectError("[// note\n1]", line: 1, column: 2, "comments are not allowed")
        expectError("[1] /* c */", line: 1, column: 5, "unexpected character '/' after the JSON value")
    }

    @Test func escapes() {
        expectError(#"["a\x"]"#, line: 1, column: 4, #"invalid escape sequence "\x""#)
        expectError(#""\'""#, line: 1, column: 2, #"invalid escape sequence "\'""#)
        expectError("\"\\\u{1}\"", line: 1, column: 2, "invalid escape sequence (backslash followed by character U+0001)")
        expectError(#""\u12G4""#, line: 1, column: 2, #"invalid escape sequence "\u12G4" (expected 4 hex digits after \u)"#)
        expectError(#""\u12""#, line: 1, column: 2, #"invalid escape sequence "\u12" (expected 4 hex digits after \u)"#)
    }

    @Test func surrogates() {
        expectError(#"["\uD800"]"#, line: 1, column: 3,
            #"lone surrogate "\uD800" in string (not followed by a low surrogate)"#)
        expectError(#""ab\ud83dx""#, line: 1, column: 4,
            #"lone surrogate "\ud83d" in string (not followed by a low surrogate)"#)
        expectError(#""\uD800\u0041""#, line: 1, column: 2,
            #"lone surrogate "\uD800" in string (not followed by a low surrogate)"#)
        expectError(#""\uD800\uD800""#, line: 1, column: 2,
            #"lone surrogate "\uD800" in string (not followed by a low surrogate)"#)
        expectError(#""x\uDC00""#, line: 1, column: 3,
            #"lone surrogate "\uDC00" in string (low surrogate without a high surrogate)"#)
        expectError(#""\uD800\uZZZZ""#, line: 1, column: 8,
            #"invalid escape sequence "\uZZZZ" (expected 4 hex digits after \u)"#)
    }

    @Test func invalidUTF8() {
        expectError(Array(#"["ab"#.utf8) + [0xFF] + Array(#""]"#.utf8), line: 1, column: 5, "invalid UTF-8 byte 0xFF")
        expectError([0x22, 0xC3, 0x22], line: 1, column: 2, "invalid UTF-8 sequence starting with byte 0xC3")
        // Encoded surrogate (CESU-8) and overlong forms are rejected.
        expectError([0x22, 0xED, 0xA0, 0x80, 0x22], line: 1, column: 2, "invalid UTF-8 sequence starting with byte 0xED")
        expectError([0x22, 0xC0, 0xAF, 0x22], line: 1, column: 2, "invalid UTF-8 byte 0xC0")
        expectError([0x22, 0xE0, 0x80, 0xAF, 0x22], line: 1, column: 2, "invalid UTF-8 sequence starting with byte 0xE0")
        expectError([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], line: 1, column: 2, "invalid UTF-8 sequence starting with byte 0xF4")
        expectError([0x22, 0x80, 0x22], line: 1, column: 2, "invalid UTF-8 byte 0x80")
        expectError([0x5B, 0xFE, 0x5D], line: 1, column: 2, "invalid UTF-8 byte 0xFE")
        expectError([0x31, 0x20, 0xFF], line: 1, column: 3, "invalid UTF-8 byte 0xFF")
        // Truncated at the end of input.
        expectError([0x22, 0xF0, 0x9F, 0x98], line: 1, column: 2, "invalid UTF-8 sequence starting with byte 0xF0")
    }

    @Test func strings() {
        expectError(#"{"a": "abc"#, line: 1, column: 7, "unterminated string")
        expectError(#"["abc\"#, line: 1, column: 2, "unterminated string")
        expectError("\"a\tb\"", line: 1, column: 3, "unescaped control character U+0009 in string")
        expectError("[\n\"ab\ncd\"]", line: 2, column: 4, "unescaped control character U+000A in string")
        expectError("\"\u{0}\"", line: 1, column: 2, "unescaped control character U+0000 in string")
    }

    @Test func objects() {
        expectError("{\n  \"seed\": 1,\n  \"seed\": 2\n}", line: 3, column: 3, #"duplicate key "seed""#)
        expectError(#"{"a\"b": 1, "a\u0022b": 2}"#, line: 1, column: 13, #"duplicate key "a\"b""#)
        let many = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        expectError("{\(many), \"k7\": 0}", line: 1, column: many.count + 4, #"duplicate key "k7""#)
        expectError(#"{"a": 1 "b": 2}"#, line: 1, column: 9, "expected ',' or '}' after an object member")
        expectError(#"{"a" 1}"#, line: 1, column: 6, "expected ':' after an object key")
        expectError("{a: 1}", line: 1, column: 2, "expected a string key or '}'")
        expectError(#"{"a": 1, 2: 3}"#, line: 1, column: 10, "expected a string key after ','")
        expectError(#"{"a": }"#, line: 1, column: 7, "unexpected character '}', expected a value")
        expectError(#"{"a": 1"#, line: 1, column: 8, "unexpected end of input, expected ',' or '}' after an object member")
        expectError(#"{"a""#, line: 1, column: 5, "unexpected end of input, expected ':' after an object key")
        expectError(#"{"#, line: 1, column: 2, "unexpected end of input, expected a string key or '}'")
    }

    @Test func arrays() {
        expectError("[1 2]", line: 1, column: 4, "expected ',' or ']' after an array element")
        expectError("[1, 2", line: 1, column: 6, "unexpected end of input, expected ',' or ']' after an array element")
        expectError("[", line: 1, column: 2, "unexpected end of input, expected a value")
        expectError("[1}", line: 1, column: 3, "expected ',' or ']' after an array element")
        expectError("[#]", line: 1, column: 2, "unexpected character '#', expected a value")
        expectError("[\u{7}]", line: 1, column: 2, "unexpected character U+0007, expected a value")
    }

    @Test func documentLevel() {
        expectError("", line: 1, column: 1, "empty input, expected a JSON value")
        expectError("  \n ", line: 2, column: 2, "empty input, expected a JSON value")
        expectError([0xEF, 0xBB, 0xBF], line: 1, column: 1, "empty input, expected a JSON value")
        expectError(#"{"a":1} x"#, line: 1, column: 9, "unexpected character 'x' after the JSON value")
        expectError("1 2", line: 1, column: 3, "unexpected character '2' after the JSON value")
        expectError("[]]", line: 1, column: 3, "unexpected character ']' after the JSON value")
        expectError("\u{0}", line: 1, column: 1, "unexpected character U+0000, expected a value")
        expectError("\u{A0}1", line: 1, column: 1, "unexpected character '\u{A0}', expected a value")
    }

    @Test func positions() {
        // Columns count Unicode scalars, not bytes.
        expectError(#"["é€😀", #]"#, line: 1, column: 9, "unexpected character '#', expected a value")
        // CRLF is one line break; a lone CR is one too.
        expectError("{\r\n\"a\":1,\r\n}", line: 3, column: 1, "trailing comma before '}'")
        expectError("[\r1,\r\r ]", line: 4, column: 2, "trailing comma before ']'")
        guard let error = failure("{\n  \"id\": 7,\n  \"name\": nope\n}") else { return }
        #expect(error.description == "line 3, column 11: invalid literal \"nope\"")
        #expect(error.byteOffset == 23)
    }
}

@Suite struct JSONAccessorTests {
    @Test func int64Boundaries() {
        #expect(JSONValue.number("9223372036854775807").int64Value == Int64.max)
        #expect(JSONValue.number("9223372036854775808").int64Value == nil)
        #expect(JSONValue.number("-9223372036854775808").int64Value == Int64.min)
        #expect(JSONValue.number("-9223372036854775809").int64Value == nil)
        #expect(JSONValue.number("9223372036854775807.0").int64Value == Int64.max)
        #expect(JSONValue.number("92233720368547758.07e2").int64Value == Int64.max)
        #expect(JSONValue.number("-0").int64Value == 0)
        #expect(JSONValue.number("0").int64Value == 0)
        #expect(JSONValue.number("123456789012345678901234567890").int64Value == nil)
    }

    @Test func uint64Boundaries() {
        #expect(JSONValue.number("18446744073709551615").uint64Value == UInt64.max)
        #expect(JSONValue.number("18446744073709551616").uint64Value == nil)
        #expect(JSONValue.number("1.8446744073709551615e19").uint64Value == UInt64.max)
        #expect(JSONValue.number("9223372036854775808").uint64Value == 9_223_372_036_854_775_808)
        #expect(JSONValue.number("-1").uint64Value == nil)
        #expect(JSONValue.number("-0").uint64Value == 0)
        #expect(JSONValue.number("-0.0e5").uint64Value == 0)
    }

    @Test func integralNonIntegerLiterals() {
        #expect(JSONValue.number("2.0").int64Value == 2)
        #expect(JSONValue.number("1e3").int64Value == 1000)
        #expect(JSONValue.number("1E+3").uint64Value == 1000)
        #expect(JSONValue.number("1.5e1").int64Value == 15)
        #expect(JSONValue.number("100e-2").int64Value == 1)
        #expect(JSONValue.number("2.5").int64Value == nil)
        #expect(JSONValue.number("1e-1").int64Value == nil)
        #expect(JSONValue.number("0e999999999999999999").int64Value == 0)
        #expect(JSONValue.number("1e999999999999999999").int64Value == nil)
        #expect(JSONValue.number("1e19").int64Value == nil)
        #expect(JSONValue.number("1e19").uint64Value == 10_000_000_000_000_000_000)
        #expect(JSONValue.number("1e20").uint64Value == nil)
    }

    @Test func doubles() {
        #expect(JSONValue.number("0.1").doubleValue == 0.1)
        #expect(JSONValue.number("-2.5E-3").doubleValue == -0.0025)
        #expect(JSONValue.number("9007199254740993").doubleValue == 9_007_199_254_740_992)
        #expect(JSONValue.number("1e308").doubleValue == 1e308)
        #expect(JSONValue.number("1e309").doubleValue == nil)
        #expect(JSONValue.number("-1e400").doubleValue == nil)
        #expect(JSONValue.number("1e-400").doubleValue == 0)
        #expect(JSONValue.number("18446744073709551615").doubleValue == 18_446_744_073_709_551_616.0)
    }

    @Test func invalidHandBuiltNumbers() {
        for literal in ["nan", "inf", "", "01", "+1", "1.", " 1", "0x10", "1e"] {
            let value = JSONValue.number(literal)
            #expect(value.doubleValue == nil, "\(literal)")
            #expect(value.int64Value == nil, "\(literal)")
            #expect(value.uint64Value == nil, "\(literal)")
        }
    }

    @Test func kindsAndLookups() throws {
        let value = try JSONValue(parsing: #"{"s": "x", "b": false, "n": null, "a": [1], "o": {"k": 1}, "num": 3}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == false)
        #expect(value["n"] == .null)
        #expect(value["n"]?.isNull == true)
        #expect(value["a"]?.arrayValue == [.number("1")])
        #expect(value["o"]?.objectMembers == [JSONMember("k", .number("1"))])
        #expect(value["missing"] == nil)
        #expect(value["s"]?["k"] == nil)
        #expect(value["a"]?[1] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["s"]?.int64Value == nil)
        #expect(value["num"]?.stringValue == nil)
        #expect(value["num"]?.boolValue == nil)
        #expect(value["b"]?.doubleValue == nil)
        #expect(value.arrayValue == nil)
        #expect(JSONValue.array([]).objectMembers == nil)
        let names = ["s", "b", "n", "a", "o", "num"].map { value[$0]!.typeName }
        #expect(names == ["a string", "a boolean", "null", "an array", "an object", "a number"])
    }
}

@Suite struct JSONSerializationTests {
    @Test func stringEscaping() throws {
        let value = JSONValue.string("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{0}/é😀\u{7F}\u{2028}")
        let expected = "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u0000/é😀\u{7F}\u{2028}\""
        #expect(value.serialized == expected)
        #expect(try JSONValue(parsing: expected) == value)
        let keyed: JSONValue = ["k\"\n": "v"]
        #expect(keyed.serialized == #"{"k\"\n":"v"}"#)
    }

    @Test func compactAndPretty() {
        let value: JSONValue = ["b": [1, true, nil, [], [:]], "a": ["x": "y"], "e": [:]]
        #expect(value.serialized == #"{"b":[1,true,null,[],{}],"a":{"x":"y"},"e":{}}"#)
        let pretty = """
            {
              "b": [
                1,
                true,
                null,
                [],
                {}
              ],
              "a": {
                "x": "y"
              },
              "e": {}
            }
            """
        #expect(value.prettyPrinted == pretty)
        #expect(JSONValue.array([]).prettyPrinted == "[]")
        #expect(JSONValue.string("x").prettyPrinted == "\"x\"")
    }
}
