/// A JSON value that keeps object members in document order and numbers as their literal text.
///
/// Equality is structural: member order matters, numbers compare by literal text
/// (`.number("1.0") != .number("1")`), strings and keys compare with Swift `String`
/// equality (Unicode canonical equivalence).
///
/// A `.number` built by hand should hold a literal matching RFC 8259's number grammar;
/// the serializer writes it verbatim and the numeric accessors return nil for anything else.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The literal as written (validated against RFC 8259's grammar when parsed).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; duplicate keys are a parse error.
    case object([JSONMember])
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A parse failure with the position of the offending character.
///
/// `line` and `column` are 1-based. `column` counts Unicode scalars (not bytes) from the
/// start of the line, so it matches what most editors show for non-combining text.
/// A line ends at `\n`, `\r\n` or a lone `\r`. A leading UTF-8 BOM is not counted.
/// `byteOffset` is the 0-based byte offset of the same position in the input (BOM included).
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int
    public var message: String

    public init(line: Int, column: Int, byteOffset: Int, message: String) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
    }

    /// `"line 3, column 14: expected ..."`
    public var description: String { "line \(line), column \(column): \(message)" }
}

// MARK: - Parsing

extension JSONValue {
    /// The maximum nesting depth of arrays and objects accepted by the parser.
    public static let maximumNestingDepth = 256

    /// Parses one JSON document (RFC 8259, strict) from UTF-8 bytes.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        let fast: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            JSONValue.parseResult(buffer)
        }
        if let fast {
            self = try fast.get()
        } else {
            let array = Array(bytes)
            self = try array.withUnsafeBufferPointer { JSONValue.parseResult($0) }.get()
        }
    }

    /// Parses one JSON document (RFC 8259, strict) from text.
    public init(parsing text: String) throws(JSONParseError) {
        var text = text
        text.makeContiguousUTF8()
        self = try text.utf8.withContiguousStorageIfAvailable { JSONValue.parseResult($0) }!.get()
    }

    private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(buffer)
        do throws(JSONParseError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

private enum ASCII {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let one = UInt8(ascii: "1")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
    static let apostrophe = UInt8(ascii: "'")
    static let underscore = UInt8(ascii: "_")

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= nine }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
    @inline(__always) static func isWordChar(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == underscore }
    /// Characters that are taken as part of a (possibly malformed) number token.
    @inline(__always) static func isNumberTokenChar(_ c: UInt8) -> Bool {
        isWordChar(c) || c == plus || c == minus || c == dot
    }
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case zero...nine: return UInt32(c - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

private func hexByte(_ c: UInt8) -> String {
    let s = String(c, radix: 16, uppercase: true)
    return c < 16 ? "0" + s : s
}

private func scalarName(_ v: UInt32) -> String {
    var s = String(v, radix: 16, uppercase: true)
    while s.utf8.count < 4 { s = "0" + s }
    return "U+" + s
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    /// First byte after an optional BOM; line/column counting starts here.
    let start: Int
    var index: Int
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            start = 3
        } else {
            start = 0
        }
        index = start
    }

    // MARK: Errors

    func error(at offset: Int, _ message: String) -> JSONParseError {
        var line = 1
        var column = 1
        var k = start
        while k < offset {
            let c = bytes[k]
            if c == ASCII.newline {
                line += 1
                column = 1
            } else if c == ASCII.carriageReturn {
                if !(k + 1 < bytes.count && bytes[k + 1] == ASCII.newline) {
                    line += 1
                    column = 1
                }
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            k += 1
        }
        return JSONParseError(line: line, column: column, byteOffset: offset, message: message)
    }

    /// "expected X" at the current position, or "unexpected end of input, expected X" at the end.
    func expected(_ what: String) -> JSONParseError {
        if index >= bytes.count {
            return error(at: index, "unexpected end of input, expected \(what)")
        }
        if bytes[index] >= 0x80, utf8Length(at: index) == nil {
            return invalidUTF8(at: index)
        }
        return error(at: index, "expected \(what)")
    }

    func invalidUTF8(at offset: Int) -> JSONParseError {
        let c = bytes[offset]
        if c >= 0xC2 && c <= 0xF4 {
            return error(at: offset, "invalid UTF-8 sequence starting with byte 0x\(hexByte(c))")
        }
        return error(at: offset, "invalid UTF-8 byte 0x\(hexByte(c))")
    }

    /// Describes the character at `offset` for messages: `character 'x'` or `character U+0001`.
    func describeCharacter(at offset: Int) -> String {
        let c = bytes[offset]
        if c < 0x80 {
            if c < 0x20 || c == 0x7F { return "character \(scalarName(UInt32(c)))" }
            return "character '\(String(UnicodeScalar(c)))'"
        }
        guard let length = utf8Length(at: offset) else { return "byte 0x\(hexByte(c))" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        return "character '\(text)'"
    }

    /// Text of `range` for quoting in a message, shortened if long.
    func snippet(_ range: Range<Int>) -> String {
        let limit = 40
        let end = min(range.upperBound, range.lowerBound + limit)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<end]), as: UTF8.self)
        return end < range.upperBound ? text + "..." : text
    }

    // MARK: UTF-8

    /// Length of the valid UTF-8 sequence that starts with the non-ASCII byte at `k`, or nil.
    @inline(__always)
    func utf8Length(at k: Int) -> Int? {
        let n = bytes.count
        @inline(__always) func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            j < n && bytes[j] >= lo && bytes[j] <= hi
        }
        switch bytes[k] {
        case 0xC2...0xDF:
            return cont(k + 1) ? 2 : nil
        case 0xE0:
            return cont(k + 1, 0xA0) && cont(k + 2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(k + 1) && cont(k + 2) ? 3 : nil
        case 0xED:
            return cont(k + 1, 0x80, 0x9F) && cont(k + 2) ? 3 : nil
        case 0xF0:
            return cont(k + 1, 0x90) && cont(k + 2) && cont(k + 3) ? 4 : nil
        case 0xF1...0xF3:
            return cont(k + 1) && cont(k + 2) && cont(k + 3) ? 4 : nil
        case 0xF4:
            return cont(k + 1, 0x80, 0x8F) && cont(k + 2) && cont(k + 3) ? 4 : nil
        default:
            return nil
        }
    }

    // MARK: Grammar

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let c = bytes[index]
            if c == ASCII.space || c == ASCII.newline || c == ASCII.carriageReturn || c == ASCII.tab {
                index += 1
            } else {
                return
            }
        }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        if index >= bytes.count {
            throw error(at: index, "empty input, expected a JSON value")
        }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            if bytes[index] >= 0x80, utf8Length(at: index) == nil { throw invalidUTF8(at: index) }
            throw error(at: index, "unexpected \(describeCharacter(at: index)) after the JSON value")
        }
        return value
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else {
            throw error(at: index, "unexpected end of input, expected a value")
        }
        let c = bytes[index]
        switch c {
        case ASCII.openBrace:
            return try parseObject()
        case ASCII.openBracket:
            return try parseArray()
        case ASCII.quote:
            return .string(try parseString())
        case ASCII.minus, ASCII.plus, ASCII.dot, ASCII.zero...ASCII.nine:
            return .number(try parseNumber())
        case _ where ASCII.isLetter(c) || c == ASCII.underscore:
            return try parseLiteral()
        case ASCII.slash:
            throw error(at: index, "comments are not allowed")
        case ASCII.apostrophe:
            throw error(at: index, "single-quoted strings are not allowed")
        default:
            if c >= 0x80, utf8Length(at: index) == nil { throw invalidUTF8(at: index) }
            throw error(at: index, "unexpected \(describeCharacter(at: index)), expected a value")
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONValue.maximumNestingDepth {
            throw error(at: index, "nesting too deep (the limit is \(JSONValue.maximumNestingDepth) levels)")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1  // '{'
        var members: [JSONMember] = []
        var keySet: Set<String>? = nil
        skipWhitespace()
        if index < bytes.count && bytes[index] == ASCII.closeBrace {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            // At a key: first member, or after a comma.
            guard index < bytes.count, bytes[index] == ASCII.quote else {
                if index < bytes.count && bytes[index] == ASCII.closeBrace {
                    throw error(at: index, "trailing comma before '}'")
                }
                throw expected(members.isEmpty ? "a string key or '}'" : "a string key after ','")
            }
            let keyStart = index
            let key = try parseString()
            if keySet == nil && members.count >= 8 {
                keySet = Set(members.map(\.key))
            }
            let duplicate = keySet.map { $0.contains(key) } ?? members.contains { $0.key == key }
            if duplicate {
                throw error(at: keyStart, "duplicate key \(JSONValue.quoted(key))")
            }
            keySet?.insert(key)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == ASCII.colon else {
                throw expected("':' after an object key")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key, value))
            skipWhitespace()
            if index < bytes.count && bytes[index] == ASCII.comma {
                index += 1
                skipWhitespace()
                continue
            }
            if index < bytes.count && bytes[index] == ASCII.closeBrace {
                index += 1
                depth -= 1
                return .object(members)
            }
            throw expected("',' or '}' after an object member")
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1  // '['
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == ASCII.closeBracket {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            if index < bytes.count && bytes[index] == ASCII.comma {
                index += 1
                skipWhitespace()
                if index < bytes.count && bytes[index] == ASCII.closeBracket {
                    throw error(at: index, "trailing comma before ']'")
                }
                continue
            }
            if index < bytes.count && bytes[index] == ASCII.closeBracket {
                index += 1
                depth -= 1
                return .array(elements)
            }
            throw expected("',' or ']' after an array element")
        }
    }

    mutating func parseLiteral() throws(JSONParseError) -> JSONValue {
        let begin = index
        var end = index
        while end < bytes.count && ASCII.isWordChar(bytes[end]) { end += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[begin..<end])
        let value: JSONValue
        if word.elementsEqual("true".utf8) {
            value = .bool(true)
        } else if word.elementsEqual("false".utf8) {
            value = .bool(false)
        } else if word.elementsEqual("null".utf8) {
            value = .null
        } else {
            throw error(at: begin, "invalid literal \"\(snippet(begin..<end))\"")
        }
        index = end
        return value
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let begin = index
        let n = bytes.count
        var j = index
        var ok = true
        if j < n && bytes[j] == ASCII.minus { j += 1 }
        if j < n && bytes[j] == ASCII.zero {
            j += 1
        } else if j < n && bytes[j] >= ASCII.one && bytes[j] <= ASCII.nine {
            while j < n && ASCII.isDigit(bytes[j]) { j += 1 }
        } else {
            ok = false
        }
        if ok && j < n && bytes[j] == ASCII.dot {
            j += 1
            if j < n && ASCII.isDigit(bytes[j]) {
                while j < n && ASCII.isDigit(bytes[j]) { j += 1 }
            } else {
                ok = false
            }
        }
        if ok && j < n && (bytes[j] == ASCII.lowerE || bytes[j] == ASCII.upperE) {
            j += 1
            if j < n && (bytes[j] == ASCII.plus || bytes[j] == ASCII.minus) { j += 1 }
            if j < n && ASCII.isDigit(bytes[j]) {
                while j < n && ASCII.isDigit(bytes[j]) { j += 1 }
            } else {
                ok = false
            }
        }
        var end = j
        while end < n && ASCII.isNumberTokenChar(bytes[end]) { end += 1 }
        if !ok || end != j {
            throw error(at: begin, "invalid number \"\(snippet(begin..<end))\"")
        }
        index = j
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<j]), as: UTF8.self)
    }

    /// Parses a string starting at the opening quote; leaves `index` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = index
        index += 1
        var runStart = index
        var decoded: [UInt8] = []
        var hasEscapes = false
        let n = bytes.count
        while true {
            guard index < n else { throw error(at: open, "unterminated string") }
            let c = bytes[index]
            if c == ASCII.quote {
                let result: String
                if hasEscapes {
                    decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    result = String(decoding: decoded, as: UTF8.self)
                } else {
                    result = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                }
                index += 1
                return result
            } else if c == ASCII.backslash {
                if !hasEscapes {
                    hasEscapes = true
                    decoded.reserveCapacity(index - runStart + 16)
                }
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(into: &decoded, open: open)
                runStart = index
            } else if c < 0x20 {
                throw error(at: index, "unescaped control character \(scalarName(UInt32(c))) in string")
            } else if c < 0x80 {
                index += 1
            } else {
                guard let length = utf8Length(at: index) else { throw invalidUTF8(at: index) }
                index += length
            }
        }
    }

    /// Reads 4 hex digits at `offset`, or nil.
    func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in offset..<offset + 4 {
            guard let h = ASCII.hexValue(bytes[k]) else { return nil }
            value = value << 4 | h
        }
        return value
    }

    func invalidUnicodeEscape(at escape: Int) -> JSONParseError {
        var end = escape + 2
        while end < bytes.count && end < escape + 6 && bytes[end] > 0x20 && bytes[end] < 0x7F
            && bytes[end] != ASCII.quote
        {
            end += 1
        }
        return error(at: escape, "invalid escape sequence \"\(snippet(escape..<end))\" (expected 4 hex digits after \\u)")
    }

    /// Decodes the escape at `index` (a backslash) into UTF-8 and advances past it.
    mutating func parseEscape(into out: inout [UInt8], open: Int) throws(JSONParseError) {
        let escape = index
        guard escape + 1 < bytes.count else { throw error(at: open, "unterminated string") }
        let e = bytes[escape + 1]
        switch e {
        case ASCII.quote, ASCII.backslash, ASCII.slash: out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4(at: escape + 2) else { throw invalidUnicodeEscape(at: escape) }
            var scalar = unit
            var length = 6
            if unit >= 0xD800 && unit <= 0xDBFF {
                let next = escape + 6
                if next + 1 < bytes.count && bytes[next] == ASCII.backslash && bytes[next + 1] == UInt8(ascii: "u") {
                    guard let low = hex4(at: next + 2) else { throw invalidUnicodeEscape(at: next) }
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw error(at: escape, "lone surrogate \"\(snippet(escape..<escape + 6))\" in string (not followed by a low surrogate)")
                    }
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                } else {
                    throw error(at: escape, "lone surrogate \"\(snippet(escape..<escape + 6))\" in string (not followed by a low surrogate)")
                }
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(at: escape, "lone surrogate \"\(snippet(escape..<escape + 6))\" in string (low surrogate without a high surrogate)")
            }
            for b in UTF8.encode(UnicodeScalar(scalar)!)! { out.append(b) }
            index += length
            return
        default:
            if e > 0x20 && e < 0x7F {
                throw error(at: escape, "invalid escape sequence \"\\\(String(UnicodeScalar(e)))\"")
            }
            if e >= 0x80, utf8Length(at: escape + 1) == nil { throw invalidUTF8(at: escape + 1) }
            throw error(at: escape, "invalid escape sequence (backslash followed by \(describeCharacter(at: escape + 1)))")
        }
        index += 2
    }
}

// MARK: - Serialization

extension JSONValue {
    /// Compact canonical text: no insignificant whitespace, members in stored order, numbers as
    /// their literal, strings escaped minimally (`\"` `\\` `\n` `\r` `\t` `\b` `\f`, other control
    /// characters as `\u00xx` with lowercase hex, everything else raw UTF-8).
    public var serialized: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, indent: nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented with 2 spaces per level for humans (`"key": value`, one element or member per line,
    /// `[]` and `{}` for empty containers, no trailing newline), same escaping as `serialized`.
    public var prettyPrinted: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// A string as a JSON string literal, quoted and escaped like `serialized`.
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        writeString(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func newline(_ out: inout [UInt8], _ level: Int) {
        out.append(ASCII.newline)
        for _ in 0..<(level * 2) { out.append(ASCII.space) }
    }

    private func write(into out: inout [UInt8], indent: Int?) {
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let literal):
            out.append(contentsOf: literal.utf8)
        case .string(let s):
            JSONValue.writeString(s, into: &out)
        case .array(let elements):
            out.append(ASCII.openBracket)
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(ASCII.comma) }
                if let indent { JSONValue.newline(&out, indent + 1) }
                element.write(into: &out, indent: indent.map { $0 + 1 })
            }
            if let indent, !elements.isEmpty { JSONValue.newline(&out, indent) }
            out.append(ASCII.closeBracket)
        case .object(let members):
            out.append(ASCII.openBrace)
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(ASCII.comma) }
                if let indent { JSONValue.newline(&out, indent + 1) }
                JSONValue.writeString(member.key, into: &out)
                out.append(ASCII.colon)
                if indent != nil { out.append(ASCII.space) }
                member.value.write(into: &out, indent: indent.map { $0 + 1 })
            }
            if let indent, !members.isEmpty { JSONValue.newline(&out, indent) }
            out.append(ASCII.closeBrace)
        }
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        let hexDigits: StaticString = "0123456789abcdef"
        out.append(ASCII.quote)
        for c in s.utf8 {
            switch c {
            case ASCII.quote: out.append(ASCII.backslash); out.append(ASCII.quote)
            case ASCII.backslash: out.append(ASCII.backslash); out.append(ASCII.backslash)
            case 0x0A: out.append(ASCII.backslash); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(ASCII.backslash); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(ASCII.backslash); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(ASCII.backslash); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(ASCII.backslash); out.append(UInt8(ascii: "f"))
            case 0x00..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                hexDigits.withUTF8Buffer { digits in
                    out.append(digits[Int(c >> 4)])
                    out.append(digits[Int(c & 0xF)])
                }
            default:
                out.append(c)
            }
        }
        out.append(ASCII.quote)
    }
}

// MARK: - Accessors

extension JSONValue {
    /// The value of the first member named `key` (Swift `String` equality), or nil if this is
    /// not an object or has no such member. Linear search.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index`, or nil if this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Any number, as the correctly rounded nearest `Double`; nil if it overflows to infinity
    /// (underflow gives 0 or a subnormal) or if the literal is not valid JSON number text.
    public var doubleValue: Double? {
        guard case .number(let literal) = self, JSONValue.decimalParts(literal) != nil,
            let d = Double(literal), d.isFinite
        else { return nil }
        return d
    }

    /// The number if it is mathematically an integer that fits exactly in `Int64`.
    /// Computed exactly from the decimal literal (no `Double` rounding): `2.0`, `1e3` and `1.5e1`
    /// are accepted, `2.5` and `1e-1` are not, `-0` gives 0.
    public var int64Value: Int64? {
        guard let (negative, magnitude) = integerParts else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The number if it is mathematically an integer that fits exactly in `UInt64`
    /// (same rules as `int64Value`; `-0` gives 0, other negatives give nil).
    public var uint64Value: UInt64? {
        guard let (negative, magnitude) = integerParts else { return nil }
        if negative && magnitude != 0 { return nil }
        return magnitude
    }

    /// `"null"`, `"a boolean"`, `"a number"`, `"a string"`, `"an array"` or `"an object"`,
    /// for messages like "expected a number, got a string".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Sign and magnitude when the number is an integer up to UInt64.max in magnitude.
    private var integerParts: (negative: Bool, magnitude: UInt64)? {
        guard case .number(let literal) = self, let parts = JSONValue.decimalParts(literal) else { return nil }
        var digits = parts.digits[...]
        var exponent = parts.exponent
        while let first = digits.first, first == 0 { digits.removeFirst() }
        if digits.isEmpty { return (parts.negative, 0) }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        guard exponent >= 0, digits.count + exponent <= 20 else { return nil }
        var magnitude: UInt64 = 0
        for d in digits {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = a
        }
        for _ in 0..<exponent {
            let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
            if o { return nil }
            magnitude = m
        }
        return (parts.negative, magnitude)
    }

    /// Splits a JSON number literal into sign, all significant digits (integer then fraction part)
    /// and the power of ten to apply to them. Nil if `literal` does not match RFC 8259's grammar.
    private static func decimalParts(_ literal: String) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        let s = Array(literal.utf8)
        let n = s.count
        var i = 0
        var negative = false
        var digits: [UInt8] = []
        var exponent = 0
        if i < n && s[i] == ASCII.minus {
            negative = true
            i += 1
        }
        guard i < n, ASCII.isDigit(s[i]) else { return nil }
        if s[i] == ASCII.zero {
            digits.append(0)
            i += 1
        } else {
            while i < n && ASCII.isDigit(s[i]) {
                digits.append(s[i] - ASCII.zero)
                i += 1
            }
        }
        if i < n && s[i] == ASCII.dot {
            i += 1
            guard i < n, ASCII.isDigit(s[i]) else { return nil }
            while i < n && ASCII.isDigit(s[i]) {
                digits.append(s[i] - ASCII.zero)
                exponent -= 1
                i += 1
            }
        }
        if i < n && (s[i] == ASCII.lowerE || s[i] == ASCII.upperE) {
            i += 1
            var exponentNegative = false
            if i < n && (s[i] == ASCII.plus || s[i] == ASCII.minus) {
                exponentNegative = s[i] == ASCII.minus
                i += 1
            }
            guard i < n, ASCII.isDigit(s[i]) else { return nil }
            var e = 0
            while i < n && ASCII.isDigit(s[i]) {
                if e < 1_000_000_000 { e = e * 10 + Int(s[i] - ASCII.zero) }  // saturates harmlessly
                i += 1
            }
            exponent += exponentNegative ? -e : e
        }
        guard i == n else { return nil }
        return (negative, digits, exponent)
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .number(String(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { JSONMember($0.0, $0.1) })
    }
}
