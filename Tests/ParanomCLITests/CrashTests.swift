import Foundation
import Testing
import Paranom
#if canImport(Glibc)
import Glibc
#endif

/// Crash safety: `paranom grow` killed with SIGKILL at many moments leaves the dataset at its
/// last committed version or the new one, never between, and the next grow gives the
/// digest of a clean run.
@Suite struct CrashTests {
    /// When a grow is killed.
    enum Moment: CustomStringConvertible {
        /// Before the n-th system call it makes through `SystemCall` (an injected kill point).
        case call(Int)
        /// `microseconds` after it resumes from a stop just before its commit: inside SQLite's
        /// commit, or just before or after it.
        case aroundCommit(microseconds: UInt32)
        /// `microseconds` after it starts.
        case after(microseconds: UInt32)

        var description: String {
            switch self {
            case let .call(n): return "before system call \(n)"
            case let .aroundCommit(us): return "\(us) µs into the commit"
            case let .after(us): return "\(us) µs after the start"
            }
        }
    }

    /// The kill moments, chosen with a fixed seed: 62 of them.
    static func moments(wallMicroseconds: UInt32) -> [Moment] {
        var random = TestRandom(seed: 0xC0FFEE)
        var moments: [Moment] = [.call(1), .call(1_000_000)]  // the first call; a kill point never reached
        for _ in 0..<36 { moments.append(.call(1 + Int(random.next() % 110))) }
        for _ in 0..<16 { moments.append(.aroundCommit(microseconds: UInt32(random.next() % 3000))) }
        for _ in 0..<8 { moments.append(.after(microseconds: UInt32(random.next() % UInt64(max(wallMicroseconds, 1))))) }
        return moments
    }

    @Test func killedGrowsLeaveTheOldOrTheNewVersion() throws {
        try CLI.withWorkspace { ws in
            // Many small segments: 20 new files of 200 rows, with anomalies among them.
            let spec = try ws.spec("valve.json", segmentRows: 200,
                                   edits: [("\"warmup\": 1000", "\"warmup\": 100"), ("[2000, 8000]", "[200, 800]")])
            try ws.dataset("base", spec: spec, grow: ["1000"])
            try ws.dataset("clean", spec: spec, grow: ["1000"])
            let started = Date()
            try ws.succeed("grow", "clean", "--to", "5000", "--threads", "2")
            let wall = UInt32(min(Date().timeIntervalSince(started), 2) * 1.2e6)
            let old = try Dataset.open(at: ws.path("base")).currentVersion()
            let new = try Dataset.open(at: ws.path("clean")).currentVersion()
            #expect(old.version == 1 && old.rows == 1000 && new.version == 2 && new.rows == 5000)
            var outcomes: [Int: Int] = [:]
            for (i, moment) in Self.moments(wallMicroseconds: wall).enumerated() {
                let name = "k\(i)"
                try Dataset.open(at: ws.path("base"), readOnly: true).checkout(version: 1, to: ws.path(name))
                let arguments = ["grow", name, "--to", "5000", "--threads", "2"]
                let grow: LaunchedCommand
                switch moment {
                case let .call(n):
                    grow = try ws.launch(arguments, environment: ["PARANOM_TEST_SIGNAL": "KILL:\(n)"])
                case let .aroundCommit(us):
                    grow = try ws.launch(arguments, environment: ["PARANOM_TEST_SIGNAL": "STOP:fsync:/segments"])
                    try grow.wait(until: { grow.isStopped }, "the grow stops before its commit")
                    grow.signal(SIGCONT)
                    usleep(us)
                    grow.signal(SIGKILL)
                case let .after(us):
                    grow = try ws.launch(arguments, environment: [:])
                    usleep(us)
                    grow.signal(SIGKILL)
                }
                let (result, killed) = try grow.finish()
                #expect(killed == SIGKILL || (killed == nil && result.status == 0), "\(moment): \(result.summary)")
                // In process: it opens, verifies, is at the old or the new version, and grows
                // to the clean digest, leaving no unnamed file behind.
                let dataset = try Dataset.open(at: ws.path(name))
                let report = try dataset.verify(deep: true, threads: 1)
                #expect(report.problems == [], "\(moment)")
                let current = try dataset.currentVersion()
                let isOld = current.version == 1 && current.rows == 1000 && current.digest == old.digest
                let isNew = current.version == 2 && current.rows == 5000 && current.digest == new.digest
                #expect(isOld || isNew, "\(moment): version \(current.version), \(current.rows) rows, digest \(current.digest)")
                outcomes[current.version, default: 0] += 1
                try dataset.grow(to: 5000, threads: 2)
                #expect(try dataset.currentVersion().digest == new.digest, "\(moment)")
                let after = try dataset.verify(threads: 1)
                #expect(after.problems == [] && after.unnamedFiles == [], "\(moment): \(after.problems) \(after.unnamedFiles)")
                try FileManager.default.removeItem(atPath: ws.path(name))
            }
            #expect(outcomes[1, default: 0] > 0 && outcomes[2, default: 0] > 0, "both outcomes occur: \(outcomes)")
        }
    }
}

/// A fixed-seed generator for choosing test inputs (SplitMix64; the library tests have the
/// same one, in a module this one cannot import).
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
