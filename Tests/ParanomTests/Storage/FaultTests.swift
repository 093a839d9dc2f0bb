import Foundation
import Synchronization
import Testing
@testable import Paranom

/// Write errors injected at the one layer that makes system calls (`SystemCall.fault`): a
/// full disk, a failing fsync, a file system without hard links. Each grow aborts with the
/// system's message, removes what it wrote and leaves the previous version intact.
///
/// Serialized: the hook is global to the process (it only fails paths in the test's own
/// directory, so other suites are unaffected).
@Suite(.serialized) struct FaultTests {
    static func spec() throws -> Spec {
        var spec = try TestSupport.spec("specs/machine.json")
        spec.segmentRows = 500
        return spec
    }

    /// Runs `body` with `fault` installed for paths under `dir` only.
    static func withFault<T>(under dir: String, _ fault: @escaping @Sendable (String, String) -> Int32?,
                             _ body: () throws -> T) rethrows -> T {
        SystemCall.fault = { operation, path in path.hasPrefix(dir) ? fault(operation, path) : nil }
        defer { SystemCall.fault = nil }
        return try body()
    }

    /// The digest of a clean grow to `rows`.
    static func cleanDigest(_ dir: String, rows: Int64) throws -> Digest {
        let clean = try Dataset.create(at: dir + "/clean.pnm", spec: try spec())
        try clean.grow(to: 1200)
        return try #require(try clean.grow(to: rows)).digest
    }

    /// A grow that fails as `fault` makes it: the error is `expected`, the dataset is still at
    /// its previous version with nothing left in `segments/`, it verifies, and growing again
    /// without the fault gives the clean digest.
    static func checkGrowFails(operation: String, errno code: Int32, when matches: @escaping @Sendable (String) -> Bool,
                               afterCalls: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let clean = try cleanDigest(dir, rows: 4000)
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: try spec())
            try dataset.grow(to: 1200)
            let before = try dataset.versions()
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments").sorted()
            let calls = CallCounter()
            var failure: ParanomError?
            Self.withFault(under: dir + "/d.pnm", { op, path in
                op == operation && matches(path) && calls.next() > afterCalls ? code : nil
            }) {
                do throws(ParanomError) {
                    try dataset.grow(to: 4000, threads: 2)
                } catch {
                    failure = error
                }
            }
            let error = try #require(failure, "the grow did not fail", sourceLocation: sourceLocation)
            guard case let .io(errno, path, op) = error else {
                Issue.record("expected an I/O error, got \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(errno == code && op == operation && matches(path), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description == "\(operation) \(path): \(SystemCall.errorName(code))", sourceLocation: sourceLocation)
            #expect(error.exitCode == 5, sourceLocation: sourceLocation)
            #expect(try dataset.versions() == before, sourceLocation: sourceLocation)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments").sorted() == files,
                    "the failed grow removed what it wrote", sourceLocation: sourceLocation)
            let reopened = try Dataset.open(at: dir + "/d.pnm")
            #expect(try reopened.verify(deep: true).problems == [], sourceLocation: sourceLocation)
            #expect(try reopened.grow(to: 4000)?.digest == clean, sourceLocation: sourceLocation)
        }
    }

    @Test func fullDiskOnTheFirstSegment() throws {
        try Self.checkGrowFails(operation: "write", errno: ENOSPC, when: { $0.hasSuffix(".seg") })
    }

    @Test func fullDiskAfterSomeSegments() throws {
        try Self.checkGrowFails(operation: "write", errno: ENOSPC, when: { $0.hasSuffix(".seg") }, afterCalls: 3)
    }

    @Test func quotaExceeded() throws {
        try Self.checkGrowFails(operation: "write", errno: EDQUOT, when: { $0.hasSuffix(".seg") }, afterCalls: 1)
    }

    @Test func failingFsyncOfASegment() throws {
        try Self.checkGrowFails(operation: "fsync", errno: EIO, when: { $0.hasSuffix(".seg") }, afterCalls: 2)
    }

    @Test func failingFsyncOfTheSegmentsDirectory() throws {
        try Self.checkGrowFails(operation: "fsync", errno: EIO, when: { $0.hasSuffix("/segments") })
    }

    @Test func segmentFileCannotBeCreated() throws {
        try Self.checkGrowFails(operation: "open", errno: EACCES, when: { $0.hasSuffix(".seg") }, afterCalls: 1)
    }

    /// A checkout that fails leaves nothing behind and the source unchanged.
    @Test func failedCheckoutLeavesNothing() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let source = try Dataset.create(at: dir + "/d.pnm", spec: try Self.spec())
            try source.grow(to: 2700)
            let versions = try source.versions()
            for (operation, suffix) in [("write", ".seg.tmp"), ("fsync", ".seg.tmp"), ("fsync", "/manifest.sqlite"), ("link", ".seg"), ("rename", ".seg.tmp")] {
                var failure: ParanomError?
                Self.withFault(under: dir + "/c.pnm", { op, path in op == operation && path.hasSuffix(suffix) ? EIO : nil }) {
                    do throws(ParanomError) { try source.checkout(rows: 2600, to: dir + "/c.pnm") } catch { failure = error }
                }
                guard case let .io(code, path, op)? = failure else {
                    Issue.record("\(operation) \(suffix): \(String(describing: failure))")
                    continue
                }
                #expect(code == EIO && op == operation && path.hasSuffix(suffix), "\(operation) \(suffix): \(path)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["d.pnm"], "\(operation) \(suffix)")
            }
            #expect(try source.versions() == versions)
            #expect(try source.verify().problems == [])
        }
    }

    /// Where hard links are not allowed (another file system: EXDEV), the files are copied.
    @Test func noHardLinksMeansCopies() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let source = try Dataset.create(at: dir + "/d.pnm", spec: try Self.spec())
            try source.grow(to: 2700)
            let summary = try Self.withFault(under: dir + "/c.pnm", { op, _ in op == "link" ? EXDEV : nil }) {
                try source.checkout(rows: 2600, to: dir + "/c.pnm")
            }
            #expect(summary.linked == 0)
            #expect(summary.copied == 5)
            #expect(summary.rewritten == "000000002500-100.seg")
            let copy = try Dataset.open(at: dir + "/c.pnm")
            #expect(try copy.readRows() == source.readRows(0..<2600))
            #expect(try copy.verify().problems == [])
            let a = try SystemCall.fileIdentity(dir + "/d.pnm/segments/000000000000-500.seg")
            #expect(try SystemCall.fileIdentity(dir + "/c.pnm/segments/000000000000-500.seg") != a)
        }
    }
}

/// A call counter shared with a `@Sendable` hook.
final class CallCounter: Sendable {
    private let count = Mutex(0)
    /// Counts one call and returns the count so far, from 1.
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
}
