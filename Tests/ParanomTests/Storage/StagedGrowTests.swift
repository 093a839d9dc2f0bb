import Foundation
import Testing
@testable import Paranom

/// Grows in steps (plan, tasks, commit), as a cluster runs them: the version equals a plain
/// grow's, tasks are pure and idempotent, and a commit refuses what is missing or stale.
@Suite struct StagedGrowTests {
    static func spec(_ name: String, segmentRows: Int = 1000) throws -> Spec {
        var spec = try TestSupport.spec("specs/\(name).json")
        spec.segmentRows = segmentRows
        return spec
    }

    /// Runs every task of a plan, in the given order, on one thread each.
    static func runTasks(_ dataset: Dataset, _ plan: PlanSummary, order: [Int]? = nil) throws {
        for index in order ?? Array(0..<plan.tasks) {
            try Dataset.runTask(at: dataset.path, plan: plan.id, index: index, threads: 1)
        }
    }

    /// Everything a version holds: rows, digest, decoded columns, events, and the state the
    /// next grow resumes from (key fingerprints, sequential states).
    static func snapshot(_ dataset: Dataset) throws -> (VersionInfo, RowBlock, [AnomalyEvent], [[UInt64]], [String]) {
        let version = try dataset.currentVersion()
        var fingerprints: [[UInt64]] = []
        try dataset.manifest.forEachFingerprints(upTo: version.version) { fingerprints.append($1) }
        let states = try dataset.manifest.database.query(
            "SELECT s.row_start, q.variable_id, q.state FROM sequential_states q JOIN segments s ON s.id = q.segment_id ORDER BY 1, 2"
        ) { "\($0.int64(0)) \($0.int64(1)) \($0.text(2))" }
        var comparable = version
        comparable.createdAt = ""
        comparable.durationMilliseconds = 0
        comparable.message = ""
        return (comparable, try dataset.readRows(), try dataset.events(), fingerprints, states)
    }

    static func expectSame(_ a: Dataset, _ b: Dataset) throws {
        let (x, y) = (try snapshot(a), try snapshot(b))
        #expect(x.0 == y.0)
        #expect(x.1 == y.1)
        #expect(x.2 == y.2)
        #expect(x.3 == y.3)
        #expect(x.4 == y.4)
    }

    @Test(arguments: ["valve", "sensors", "machine"])
    func stagedGrowEqualsPlainGrow(_ name: String) throws {
        let spec = try Self.spec(name)
        try TestSupport.withTemporaryDirectory { dir in
            let plain = try TestSupport.grow(spec, at: dir + "/plain.pnm", to: [2_500, 13_700])
            let staged = try TestSupport.grow(spec, at: dir + "/staged.pnm", to: [2_500])
            let plan = try staged.plan(to: 13_700, tasks: 5, threads: 2)
            #expect(plan.tasks == 5 && plan.segments == 12 && plan.fromRows == 2_500 && plan.baseVersion == 1)
            // Any order: each task is a function of the plan alone.
            try Self.runTasks(staged, plan, order: [3, 0, 4, 2, 1])
            let version = try staged.commitPlan(plan.id, threads: 2)
            #expect(version.version == 2 && version.rows == 13_700)
            try Self.expectSame(plain, staged)
            // The next grow resumes from what the commit stored: uniqueness index, states, events.
            try plain.grow(to: 21_000)
            try staged.grow(to: 21_000)
            try Self.expectSame(plain, staged)
            #expect(try SystemCall.listDirectory(staged.stagingPath).isEmpty)
        }
    }

    @Test func aTaskIsPureAndACompleteOneIsSkipped() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try TestSupport.grow(try Self.spec("valve"), at: dir + "/d.pnm", to: [])
            let plan = try dataset.plan(to: 6_000, tasks: 3)
            let directory = dataset.planDirectory(plan.id)
            let first = try Dataset.runTask(at: dataset.path, plan: plan.id, index: 1, threads: 2)
            #expect(!first.skipped && first.rows == 2_000..<4_000 && first.segments == 2)
            func files() throws -> [String: Data] {
                var result: [String: Data] = [:]
                for name in try SystemCall.listDirectory(directory) where name != "plan.json" {
                    result[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
                }
                return result
            }
            let written = try files()
            #expect(written.keys.sorted() == ["000000002000-1000.seg", "000000002000-1000.seg.keys", "000000003000-1000.seg",
                                              "000000003000-1000.seg.keys", "task-1.json"])
            #expect(try Dataset.runTask(at: dataset.path, plan: plan.id, index: 1).skipped)
            // A damaged file makes the task run again, writing the same bytes, on any thread count.
            try Data("damaged".utf8).write(to: URL(fileURLWithPath: directory + "/000000003000-1000.seg"))
            let again = try Dataset.runTask(at: dataset.path, plan: plan.id, index: 1, threads: 1)
            #expect(!again.skipped)
            #expect(try files() == written)
            // Making the same plan again gives the same id and keeps the task done.
            let same = try dataset.plan(to: 6_000, tasks: 3)
            #expect(same.id == plan.id && same.completeTasks == 1)
            #expect(try dataset.plan(to: 6_000, tasks: 2).id != plan.id)
        }
    }

    @Test func commitNamesTheTasksToRunAgainAndCommitsNothing() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec("valve")
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [1_500])
            let plan = try dataset.plan(to: 9_000, tasks: 4)
            try Self.runTasks(dataset, plan, order: [0, 1, 3])
            let directory = dataset.planDirectory(plan.id)
            // Task 3's key fingerprints damaged; task 2 never ran.
            let keys = try SystemCall.listDirectory(directory).filter { $0.hasSuffix(".keys") }.sorted().last!
            try Data(repeating: 0, count: 8).write(to: URL(fileURLWithPath: directory + "/" + keys))
            let before = try dataset.currentVersion()
            do {
                try dataset.commitPlan(plan.id)
                Issue.record("the commit should have failed")
            } catch {
                guard case let .incompleteTasks(id, tasks, detail)? = error as? ParanomError else { Issue.record("\(error)"); return }
                #expect(id == plan.id && tasks == [2, 3])
                #expect(detail.contains("task 2: it has not finished"))
                #expect(detail.contains(keys))
                #expect(detail.contains("for I in 2, 3"))
            }
            #expect(try dataset.currentVersion() == before)
            #expect(try dataset.unnamedFiles().isEmpty)
            try Dataset.runTask(at: dataset.path, plan: plan.id, index: 2)
            try Dataset.runTask(at: dataset.path, plan: plan.id, index: 3)
            try dataset.commitPlan(plan.id)
            let plain = try TestSupport.grow(spec, at: dir + "/plain.pnm", to: [1_500, 9_000])
            try Self.expectSame(plain, dataset)
        }
    }

    @Test func aPlanMadeBeforeTheLatestVersionIsRefused() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try TestSupport.grow(try Self.spec("machine"), at: dir + "/d.pnm", to: [1_000])
            let first = try dataset.plan(to: 5_000, tasks: 2)
            let second = try dataset.plan(to: 8_000, tasks: 2)
            try Self.runTasks(dataset, first)
            try Self.runTasks(dataset, second)
            try dataset.commitPlan(first.id)
            do {
                try dataset.commitPlan(second.id)
                Issue.record("the commit should have failed")
            } catch {
                #expect("\(error)".contains("would make version 2, but \(dataset.path) is at version 2 already"))
            }
            #expect(try dataset.currentVersion().rows == 5_000)
            // A plan whose files are still there (copied back, say) is checked against the version.
            let third = try dataset.plan(to: 6_000, tasks: 1)
            try Self.runTasks(dataset, third)
            let kept = dir + "/kept"
            try FileManager.default.copyItem(atPath: dataset.planDirectory(third.id), toPath: kept)
            try dataset.grow(to: 7_000)
            try FileManager.default.copyItem(atPath: kept, toPath: dataset.planDirectory(third.id))
            do {
                try dataset.commitPlan(third.id)
                Issue.record("the commit should have failed")
            } catch {
                #expect("\(error)".contains("was made for version 2 of \(dataset.path) (5,000 rows), but the dataset is now at version 3 (7,000 rows)"))
            }
            #expect(try dataset.currentVersion().rows == 7_000)
        }
    }

    @Test func aChangedRecordOrPlanIsRefusedAndPlanningAgainReplacesTheDamagedPlan() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec("sensors")
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [])
            let plan = try dataset.plan(to: 4_000, tasks: 2)
            try Self.runTasks(dataset, plan)
            let directory = dataset.planDirectory(plan.id)
            // One digit of a segment's recorded digest: the files are intact, the record is not.
            let record = directory + "/task-0.json"
            let text = try String(contentsOfFile: record, encoding: .utf8)
            let digest = try #require(text.firstMatch(of: /"digest":"([0-9a-f])/))
            let changed = digest.output.1 == "0" ? "1" : "0"
            try text.replacingCharacters(in: digest.output.1.startIndex..<digest.output.1.endIndex, with: changed)
                .write(toFile: record, atomically: true, encoding: .utf8)
            do {
                try dataset.commitPlan(plan.id)
                Issue.record("the commit should have failed")
            } catch {
                #expect("\(error)".contains("task 0: corrupt dataset: \(record): its checksum does not match"), "\(error)")
            }
            // The task is not complete, so running it again mends it.
            #expect(!(try Dataset.runTask(at: dataset.path, plan: plan.id, index: 0)).skipped)
            // A changed plan no longer matches its id; making the plan again replaces it.
            let planFile = directory + "/plan.json"
            let planText = try String(contentsOfFile: planFile, encoding: .utf8)
            try planText.replacingOccurrences(of: "\"message\":\"\"", with: "\"message\":\"x\"").write(toFile: planFile, atomically: true, encoding: .utf8)
            #expect(throws: ParanomError.self) { try Dataset.runTask(at: dataset.path, plan: plan.id, index: 1) }
            do {
                try dataset.commitPlan(plan.id)
                Issue.record("the commit should have failed")
            } catch {
                #expect("\(error)".contains("\(planFile): the file does not match the plan's id"), "\(error)")
            }
            let again = try dataset.plan(to: 4_000, tasks: 2)
            #expect(again.id == plan.id && again.completeTasks == 0)
            #expect(try String(contentsOfFile: planFile, encoding: .utf8) == planText)
            try Self.runTasks(dataset, again)
            try dataset.commitPlan(again.id)
            try Self.expectSame(try TestSupport.grow(spec, at: dir + "/plain.pnm", to: [4_000]), dataset)
        }
    }

    /// A plan file whose contents match its id but not the spec (made by hand, say) is
    /// refused as corrupt instead of trapping in generation.
    @Test(arguments: [("an event's scenario", "its events are malformed"),
                      ("a sequential state", "a sequential state does not decode")])
    func aPlanThatMatchesItsIdButNotItsSpecIsRefused(_ damaged: String, _ message: String) throws {
        try TestSupport.withTemporaryDirectory { dir in
            var spec = try Self.spec("sensors")
            spec.anomalies?.warmup = 0
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [])
            let plan = try dataset.plan(to: 30_000, tasks: 2)
            let file = dataset.planDirectory(plan.id) + "/plan.json"
            var text = try String(contentsOfFile: file, encoding: .utf8)
            if damaged == "an event's scenario" {
                let events = try #require(text.firstMatch(of: /"events":\[\[([0-9]+),([0-9]+),([0-9]+),([0-9]+)\]/))
                text.replaceSubrange(events.output.4.startIndex..<events.output.4.endIndex, with: "99")
            } else {
                text = text.replacingOccurrences(of: "\"sequentialStates\":[[\"", with: "\"sequentialStates\":[[\"x")
            }
            let hash = Array(text.utf8).withUnsafeBytes { XXH64.hash($0) }
            let id = "1-" + String(hex16(hash).prefix(8))
            try FileManager.default.createDirectory(atPath: dataset.planDirectory(id), withIntermediateDirectories: true)
            try text.write(toFile: dataset.planDirectory(id) + "/plan.json", atomically: true, encoding: .utf8)
            do {
                try Dataset.runTask(at: dataset.path, plan: id, index: 0)
                Issue.record("the task should have failed")
            } catch {
                #expect((error as? ParanomError)?.exitCode == 4 && "\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test func badPlansAndTasksAreClearErrors() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try TestSupport.grow(try Self.spec("machine"), at: dir + "/d.pnm", to: [1_000])
            func message(_ body: () throws -> Void) -> String {
                do { try body(); return "" } catch { return "\(error)" }
            }
            #expect(message { _ = try dataset.plan(to: 3_000, tasks: 3) }.contains("writes 2 segments of at most 1,000 rows, so it has at most 2 tasks"))
            #expect(message { _ = try dataset.plan(to: 1_000) }.contains("already has 1,000 rows; a plan must add rows"))
            #expect(message { _ = try dataset.plan(to: 500) }.contains("already has 1,000 rows, more than 500; a dataset only grows"))
            #expect(message { _ = try dataset.plan(to: 3_000, tasks: 0) }.contains("at least one task"))
            #expect(message { _ = try Dataset.runTask(at: dataset.path, plan: "../x", index: 0) }.contains("is not a plan id"))
            #expect(message { _ = try Dataset.runTask(at: dataset.path, plan: "2-0badf00d", index: 0) }.contains("has no plan 2-0badf00d"))
            let plan = try dataset.plan(to: 3_000)
            #expect(plan.tasks == 1)
            #expect(message { _ = try Dataset.runTask(at: dataset.path, plan: plan.id, index: 1) }.contains("has tasks 0 to 0; there is no task 1"))
            let file = dataset.planDirectory(plan.id) + "/plan.json"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try text.replacingOccurrences(of: "\"tasks\":[[0,2]]", with: "\"tasks\":[[0,1]]").write(toFile: file, atomically: true, encoding: .utf8)
            #expect(message { _ = try Dataset.runTask(at: dataset.path, plan: plan.id, index: 0) }.contains("\(file): the file does not match the plan's id"))
            try "{".write(toFile: file, atomically: true, encoding: .utf8)
            #expect(message { try dataset.commitPlan(plan.id) }.contains("\(file): the file does not match the plan's id"))
            #expect(try dataset.currentVersion().rows == 1_000)
        }
    }
}
