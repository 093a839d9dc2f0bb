import Paranom

/// A mistake in how the command was called: printed with the command's usage, exit code 2.
struct UsageError: Error {
    var message: String
}

/// A command's parsed arguments: positionals in order and `--name value` options.
///
/// Options may be written `--name value` or `--name=value`; flags take no value. An unknown
/// option, a missing value or a repeated option is a `UsageError`.
struct Arguments {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: [String], options: Set<String>, flags allowedFlags: Set<String>) throws(UsageError) {
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            if allowedFlags.contains(name) {
                guard inline == nil else { throw UsageError(message: "\(name) takes no value") }
                flags.insert(name)
            } else if options.contains(name) {
                guard values[name] == nil else { throw UsageError(message: "\(name) is given twice") }
                if let inline {
                    values[name] = inline
                } else {
                    guard i < arguments.count else { throw UsageError(message: "\(name) needs a value") }
                    values[name] = arguments[i]
                    i += 1
                }
            } else {
                let known = (options.union(allowedFlags)).sorted()
                let hint = known.isEmpty ? "this command takes no options" : "options: \(known.joined(separator: ", "))"
                throw UsageError(message: "unknown option \(name) (\(hint))")
            }
        }
    }

    /// The one positional a command takes, such as the dataset path.
    func single(_ what: String) throws(UsageError) -> String {
        guard let first = positionals.first else { throw UsageError(message: "missing \(what)") }
        guard positionals.count == 1 else {
            throw UsageError(message: "unexpected argument \"\(positionals[1])\" (only one \(what) is taken)")
        }
        return first
    }

    func rows(_ name: String) throws(UsageError) -> Int64? {
        try values[name].map { (text) throws(UsageError) in try parseRows(text, option: name) }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(message: "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }
}

/// Parses a row count: a whole number with an optional suffix k (10^3), M (10^6) or G (10^9),
/// and optional `_` separators: `100000`, `100k`, `2.5M`, `1_000_000`. A fraction is allowed
/// with a suffix when the result is whole.
func parseRows(_ text: String, option: String) throws(UsageError) -> Int64 {
    let bad = UsageError(message: "\(option) takes a row count such as 100000, 100k, 2.5M or 1G, not \"\(text)\"")
    var digits = text.replacingOccurrences("_", with: "")
    var scale: Int64 = 1
    if let last = digits.last, let factor = ["k": Int64(1_000), "K": 1_000, "M": 1_000_000, "G": 1_000_000_000][String(last)] {
        scale = factor
        digits.removeLast()
    }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
          let whole = Int64(parts[0]) else { throw bad }
    let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
    guard !overflow, product <= 1 << 53 else { throw UsageError(message: "\(option) \(text) is too large") }
    var rows = product
    if parts.count == 2 {
        let fraction = parts[1]
        guard !fraction.isEmpty, fraction.count <= 9, let numerator = Int64(fraction) else { throw bad }
        var denominator: Int64 = 1
        for _ in 0..<fraction.count { denominator *= 10 }
        guard (numerator * scale) % denominator == 0 else {
            throw UsageError(message: "\(option) \(text) is not a whole number of rows")
        }
        rows += numerator * scale / denominator
    }
    guard rows <= 1 << 53 else { throw UsageError(message: "\(option) \(text) is too large") }
    return rows
}

/// Parses `A:B` (either side may be empty: `:1000`, `5000:`) into a row range; `end` fills an
/// empty upper side.
func parseRowRange(_ text: String, end: Int64) throws(UsageError) -> Range<Int64> {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw UsageError(message: "--rows takes a range A:B such as 0:1000 or 2M:2.1M, not \"\(text)\"") }
    let low = parts[0].isEmpty ? 0 : try parseRows(String(parts[0]), option: "--rows")
    // An open end is the version's end; a start past it is reported with the version's size.
    let high = parts[1].isEmpty ? max(end, low) : try parseRows(String(parts[1]), option: "--rows")
    guard low <= high else { throw UsageError(message: "--rows \(text): the start is after the end") }
    return low..<high
}

extension String {
    func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for c in self { if c == target { result += replacement } else { result.append(c) } }
        return result
    }
}
