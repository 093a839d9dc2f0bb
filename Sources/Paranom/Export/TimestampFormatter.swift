/// Prints a row's time on a spec's clock (start + row × step), in UTC, without allocation.
///
/// The number of fraction digits is fixed per clock: none when the start and the step are whole
/// seconds, else 3, 6 or 9, the fewest that show both exactly. Times must lie in years
/// 1678 to 2262 (nanoseconds since the epoch in an Int64); `check(rows:)` says where a range
/// leaves them. Thread-safe (a value type with no mutable state).
struct TimestampFormatter: Sendable {
    enum Style: Sendable {
        /// RFC 3339: `2026-01-01T00:00:05Z`, `2026-03-01T08:00:00.100Z`.
        case rfc3339
        /// The text NAB's label files use: `2026-01-01 00:00:05.000000` (always 6 fraction digits).
        case nab
    }

    let startNanoseconds: Int64
    let stepNanoseconds: Int64
    let style: Style
    let fractionDigits: Int

    /// The most bytes `write` writes: `YYYY-MM-DDTHH:MM:SS.fffffffffZ`.
    static let maxLength = 30

    init(clock: Clock, style: Style) {
        startNanoseconds = clock.startNanoseconds
        stepNanoseconds = clock.stepNanoseconds
        self.style = style
        switch style {
        case .nab:
            fractionDigits = 6
        case .rfc3339:
            let values = [clock.startNanoseconds, clock.stepNanoseconds]
            func whole(_ unit: Int64) -> Bool { values.allSatisfy { $0 % unit == 0 } }
            fractionDigits = whole(1_000_000_000) ? 0 : whole(1_000_000) ? 3 : whole(1_000) ? 6 : 9
        }
    }

    /// Nanoseconds since the epoch of `row`, or nil when they leave the Int64 range.
    func nanoseconds(_ row: Int64) -> Int64? {
        let (product, overflow) = row.multipliedReportingOverflow(by: stepNanoseconds)
        guard !overflow else { return nil }
        let (sum, overflowAgain) = startNanoseconds.addingReportingOverflow(product)
        return overflowAgain ? nil : sum
    }

    /// Checks that every row of `rows` has a printable time (rows are increasing and the step is
    /// positive, so checking the last row is enough).
    func check(rows: Range<Int64>) throws(ParanomError) {
        guard let last = rows.last else { return }
        guard nanoseconds(last) != nil else {
            throw .invalidArgument("row \(last) is past the year 2262 on the spec's clock; its time cannot be printed (use index timestamps)")
        }
    }

    /// Writes the time of `row`, which `check` has accepted; returns the bytes written.
    @inline(__always)
    func write(_ row: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let nanos = startNanoseconds &+ row &* stepNanoseconds
        var seconds = nanos / 1_000_000_000
        var fraction = nanos % 1_000_000_000
        if fraction < 0 { fraction += 1_000_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = TimestampFormatter.civil(days)
        writeDigits(year, 4, out)
        out[4] = 45
        writeDigits(month, 2, out + 5)
        out[7] = 45
        writeDigits(day, 2, out + 8)
        out[10] = style == .rfc3339 ? 84 : 32  // T or space
        writeDigits(secondOfDay / 3600, 2, out + 11)
        out[13] = 58
        writeDigits(secondOfDay / 60 % 60, 2, out + 14)
        out[16] = 58
        writeDigits(secondOfDay % 60, 2, out + 17)
        var n = 19
        if fractionDigits > 0 {
            out[19] = 46
            var f = fraction
            var drop = 9 - fractionDigits
            while drop > 0 { f /= 10; drop -= 1 }
            writeDigits(f, fractionDigits, out + 20)
            n = 20 + fractionDigits
        }
        if style == .rfc3339 {
            out[n] = 90  // Z
            n += 1
        }
        return n
    }

    /// Writes `value` (non-negative) as exactly `count` digits, zero-padded.
    @inline(__always)
    private func writeDigits(_ value: Int64, _ count: Int, _ out: UnsafeMutablePointer<UInt8>) {
        var v = value
        var i = count - 1
        while i >= 0 {
            out[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            i -= 1
        }
    }

    /// The proleptic Gregorian date of a day number (0 = 1970-01-01), after Howard Hinnant's
    /// `civil_from_days`.
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The time of `row` as a string (for small outputs such as event lists).
    func string(_ row: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TimestampFormatter.maxLength) { buffer in
            let n = write(row, to: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
        }
    }
}
