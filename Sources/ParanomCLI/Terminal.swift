#if canImport(Glibc)
import Glibc
#endif
import Paranom

/// Standard output and error, written through the file descriptors directly.
enum Terminal {
    static func out(_ text: String) {
        write(1, text)
    }

    static func err(_ text: String) {
        write(2, text)
    }

    static func write(_ fd: Int32, _ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            try? SystemCall.writeAll(fd, UnsafeRawBufferPointer(bytes), path: fd == 1 ? "standard output" : "standard error")
        }
    }

    static var errorIsTerminal: Bool { isatty(2) == 1 }
}

/// Formats numbers for people: `1,234,567`, `2.1M`, `34.1`.
enum Human {
    static func count<T: BinaryInteger>(_ value: T) -> String { groupedDigits(value) }

    /// "1 segment", "3 segments".
    static func count<T: BinaryInteger>(_ value: T, _ noun: String) -> String {
        "\(count(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        let fractionText = String(fraction)
        let padded = String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        return (value < 0 && scaled > 0 ? "-" : "") + String(whole) + (decimals > 0 ? "." + padded : "")
    }

    static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return fixed(perSecond / 1e6, 2) + "M" }
        if perSecond >= 1e3 { return fixed(perSecond / 1e3, 1) + "k" }
        return fixed(perSecond, 0)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return fixed(seconds, seconds < 10 ? 2 : 1) + " s" }
        let s = Int(seconds.rounded())
        return "\(s / 60) min \(s % 60) s"
    }
}
