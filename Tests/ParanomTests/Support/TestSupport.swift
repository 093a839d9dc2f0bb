import Foundation
import Testing
@testable import Paranom

/// Shared helpers for the library's tests: fixture paths and temporary directories.
enum TestSupport {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ relative: String) -> String { root + "/Fixtures/" + relative }

    static func readFixture(_ relative: String) throws -> String {
        try String(contentsOfFile: fixture(relative), encoding: .utf8)
    }

    /// A fresh directory for one test, removed when `body` returns.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "paranom-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    static func spec(_ relative: String, seed: UInt64? = nil) throws -> Spec {
        try Spec(jsonText: try readFixture(relative), seed: seed)
    }

    /// Creates a dataset at `path` and grows it to each of `steps` in turn.
    @discardableResult
    static func grow(_ spec: Spec, at path: String, to steps: [Int64], threads: Int = 2, specDirectory: String = ".",
                     callbacks: CallbackRegistry = .empty) throws -> Dataset {
        let dataset = try Dataset.create(at: path, spec: spec, specDirectory: specDirectory, callbacks: callbacks)
        for rows in steps { try dataset.grow(to: rows, threads: threads) }
        return dataset
    }
}

extension RowBlock {
    /// Column `index` of a float64 variable (empty for other kinds).
    func doubles(_ index: Int) -> [Double] {
        if case let .double(values) = columns[index] { return values }
        return []
    }

    /// Column `index` of an int64, bool or category variable (empty for float64 ones).
    func integers(_ index: Int) -> [Int64] {
        if case let .integer(values) = columns[index] { return values }
        return []
    }
}

/// A small, fixed-seed pseudo-random generator for test inputs (SplitMix64).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func gaussian() -> Double {
        let u1 = 1.0 - unit()  // (0, 1]
        let u2 = unit()
        return (-2.0 * Foundation.log(u1)).squareRoot() * Foundation.cos(2.0 * Double.pi * u2)
    }
}
