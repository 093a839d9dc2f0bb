#if canImport(Glibc)
import Glibc
#endif

/// A CSV file of real series that a spec replays (`ReplaySource`): read, checked, and cut into
/// the series its replay sources take.
///
/// The file is CSV (RFC 4180: fields separated by `,`, optionally quoted with `"`, lines ending
/// in LF or CRLF) with a header line naming the columns. A replayed column holds decimal
/// numbers (`-0.195`, `12`, `1.5e-3`; surrounding spaces allowed), one per line; an empty
/// field, `nan` or any other text is an error naming the line.
struct ReplayFile {
    /// The path as the spec or the dataset names it, for messages.
    let name: String
    let bytes: [UInt8]
    let checksum: UInt64
    let header: [String]
    let records: [[String]]

    /// Reads and parses the file at `path`; nil when it does not exist.
    static func read(_ path: String, name: String) throws(ParanomError) -> ReplayFile? {
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            if case let .io(code, _, _) = error, code == ENOENT || code == ENOTDIR { return nil }
            throw error
        }
        return try ReplayFile(name: name, bytes: bytes)
    }

    init(name: String, bytes: [UInt8]) throws(ParanomError) {
        self.name = name
        self.bytes = bytes
        checksum = bytes.withUnsafeBytes { XXH64.hash($0) }
        guard let parsed = ReplayFile.parseCSV(bytes), let first = parsed.first else {
            throw .invalidArgument("\(name) is not a CSV file with a header line (an unterminated quote, or empty)")
        }
        header = first.map { $0.trimmingSpaces }
        records = Array(parsed.dropFirst())
    }

    /// The values that `source` replays; errors name `path`, the source's JSON path.
    func series(_ source: ReplaySource, path: String) throws(ParanomError) -> [Double] {
        guard let column = header.firstIndex(of: source.column) else {
            throw .invalidSpec(path: path + ".column", message: "\(name) has no column \"\(source.column)\" (its columns: \(header.joined(separator: ", ")))")
        }
        let all = 0..<Int64(records.count)
        let wanted = source.rows.map { $0.lowerBound..<($0.upperBound &+ 1) } ?? all
        guard !records.isEmpty else { throw .invalidSpec(path: path + ".file", message: "\(name) has no data rows") }
        guard wanted.upperBound <= all.upperBound && wanted.upperBound > 0 else {
            throw .invalidSpec(path: path + ".rows", message: "rows \(wanted.lowerBound) to \(wanted.upperBound - 1) go past the end of \(name), which has \(records.count) data rows (0 to \(records.count - 1))")
        }
        var values: [Double] = []
        values.reserveCapacity(Int(wanted.count))
        for index in wanted {
            let record = records[Int(index)]
            let line = Int(index) + 2
            guard column < record.count else {
                throw .invalidSpec(path: path + ".file", message: "\(name) line \(line) has \(record.count) fields, fewer than the header's \(header.count)")
            }
            guard let value = ReplayFile.number(record[column]) else {
                throw .invalidSpec(path: path + ".file", message: "\(name) line \(line), column \"\(source.column)\": \"\(record[column])\" is not a number")
            }
            values.append(value)
        }
        return values
    }

    /// A decimal number (sign, digits with an optional fraction, optional exponent) as the
    /// nearest double; nil for anything else, and for numbers beyond the double range.
    static func number(_ field: String) -> Double? {
        let text = field.trimmingSpaces
        let b = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let first = i
            while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
            return i - first
        }
        if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }
        var count = digits()
        if i < b.count && b[i] == 46 {
            i += 1
            count += digits()
        }
        guard count > 0 else { return nil }
        if i < b.count && (b[i] == 101 || b[i] == 69) {
            i += 1
            if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == b.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// RFC 4180 records; nil for an unterminated quote. A final line ending adds no record.
    static func parseCSV(_ bytes: [UInt8]) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, afterQuote = false, fieldStarted = false
        var i = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
            afterQuote = false
        }
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if quoted {
                if c == 34 {
                    if i < bytes.count && bytes[i] == 34 { field.append(34); i += 1 } else { quoted = false; afterQuote = true }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case 44: endField()
            case 10, 13:
                if c == 13 && i < bytes.count && bytes[i] == 10 { i += 1 }
                endField()
                records.append(record)
                record = []
            case 34 where !fieldStarted && field.isEmpty && !afterQuote:
                quoted = true
                fieldStarted = true
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        if quoted { return nil }
        if fieldStarted || afterQuote || !record.isEmpty { endField(); records.append(record) }
        while records.last == [""] { records.removeLast() }
        return records
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
