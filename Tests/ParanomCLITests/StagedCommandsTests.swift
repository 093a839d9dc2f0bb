import Foundation
import Testing

/// `grow --plan`, `task` and `commit` on the built binary: what they print, the job-array
/// environment, a killed task, and bad input.
@Suite struct StagedCommandsTests {
    /// Plans a grow of `dataset` and returns the plan's id, checking the printed instructions.
    static func plan(_ ws: Workspace, _ dataset: String, to rows: String, tasks: Int,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try ws.succeed(["grow", dataset, "--to", rows, "--plan", "--tasks", String(tasks)], sourceLocation: sourceLocation)
        let match = try #require(result.lines.first?.firstMatch(of: /^plan ([0-9]+-[0-9a-f]{8}):/), "\(result.summary)",
                                 sourceLocation: sourceLocation)
        let id = String(match.output.1)
        #expect(result.lines.count == 3, sourceLocation: sourceLocation)
        #expect(result.lines.dropFirst().first == "run each task:  paranom task \(dataset) --plan \(id) --index I   (I from 0 to \(tasks - 1))",
                sourceLocation: sourceLocation)
        #expect(result.lines.last == "then commit:    paranom commit \(dataset) --plan \(id)", sourceLocation: sourceLocation)
        return id
    }

    @Test func planTasksFromTheEnvironmentAndCommitGiveThePlainGrow() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            try ws.dataset("plain", spec: spec, grow: ["1500", "9000"])
            try ws.dataset("d", spec: spec, grow: ["1500"])
            let id = try Self.plan(ws, "d", to: "9k", tasks: 4)
            #expect(id.hasPrefix("2-"))
            for (index, variable) in [(0, "SLURM_ARRAY_TASK_ID"), (1, "JOB_COMPLETION_INDEX"), (2, "SLURM_ARRAY_TASK_ID")] {
                let result = try ws.run(["task", "d", "--plan", id], environment: [variable: String(index)])
                #expect(result.status == 0, "\(result.summary)")
                #expect(result.stdout.hasPrefix("plan \(id), task \(index) (of tasks 0 to 3): rows "), "\(result.summary)")
            }
            try ws.succeed("task", "d", "--plan", id, "--index", "3", "--threads", "1")
            let again = try ws.succeed("task", "d", "--plan", id, "--index", "3")
            #expect(again.stdout == "plan \(id), task 3 (of tasks 0 to 3): rows 7,000 to 9,000, already complete with its files intact; nothing written\n")
            let commit = try ws.succeed("commit", "d", "--plan", id)
            let digest = try #require(try ws.info("plain").digest)
            #expect(commit.stdout.hasPrefix("committed plan \(id): d has 9,000 rows (version 2), 7,500 new, digest \(digest);"),
                    "\(commit.summary)")
            #expect(try ws.info("d").digest == (try ws.info("plain").digest))
            #expect(try ws.list("d/staging").isEmpty)
            let late = try ws.run("commit", "d", "--plan", id)
            #expect(late.status == 1)
            #expect(late.stderr.contains("plan \(id) would make version 2, but d is at version 2 already"), "\(late.summary)")
            try ws.succeed("verify", "d", "--deep")
        }
    }

    @Test func aKilledTaskIsNamedByTheCommitAndRunningItAgainCompletesThePlan() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.machineSpec()
            try ws.dataset("plain", spec: spec, grow: ["8000"])
            try ws.dataset("d", spec: spec)
            let id = try Self.plan(ws, "d", to: "8000", tasks: 4)
            for index in [0, 1, 3] { try ws.succeed("task", "d", "--plan", id, "--index", String(index)) }
            // Task 2 is killed as it names its first segment file.
            let (killedRun, signal) = try ws.launch(["task", "d", "--plan", id, "--index", "2"],
                                                    environment: ["PARANOM_TEST_SIGNAL": "KILL:rename:.seg"]).finish()
            #expect(signal == SIGKILL, "\(killedRun.summary)")
            let refused = try ws.run("commit", "d", "--plan", id)
            #expect(refused.status == 1)
            #expect(refused.stderr == "paranom commit: error: plan \(id): 1 of its 4 tasks is not complete (task 2: it has not finished (no task-2.json)); nothing was committed. To finish, run it again with: paranom task d --plan \(id) --index 2; then commit again\n")
            #expect(try ws.info("d").rows == 0)
            try ws.succeed("task", "d", "--plan", id, "--index", "2")
            try ws.succeed("commit", "d", "--plan", id)
            #expect(try ws.info("d").digest == (try ws.info("plain").digest))
        }
    }

    @Test func infoListsStagedPlansAndAPlainGrowSaysWhichItMadeOutOfDate() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["1000"])
            let id = try Self.plan(ws, "d", to: "3000", tasks: 2)
            #expect(try ws.succeed("info", "d").stdout.contains("plans       \(id) (staged, not committed: paranom commit, or remove d/staging/ID to drop one)\n"))
            let grown = try ws.succeed("grow", "d", "--by", "500")
            #expect(grown.stderr == "paranom grow: note: plan \(id) was made for an earlier version and cannot be committed now; its staged files were removed\n")
            #expect(!(try ws.succeed("info", "d").stdout.contains("plans ")))
            // One task: the instructions name its index.
            let single = try ws.succeed("grow", "d", "--by", "10", "--plan")
            #expect(single.lines.dropFirst().first?.hasPrefix("run the task:   paranom task d --plan ") == true, "\(single.summary)")
            #expect(single.lines.dropFirst().first?.hasSuffix(" --index 0") == true, "\(single.summary)")
        }
    }

    @Test(arguments: [
        (["task", "d", "--plan", "1-00000000"], [:], 2, "missing --index I (or SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment)"),
        (["task", "d", "--plan", "1-00000000"], ["SLURM_ARRAY_TASK_ID": "x"], 2, "SLURM_ARRAY_TASK_ID is \"x\", not a task index"),
        (["task", "d", "--index", "0"], [:], 2, "missing --plan ID"),
        (["task", "d", "--plan", "nope", "--index", "0"], [:], 2, "\"nope\" is not a plan id (an id looks like 4-1f0c9a3e: paranom grow DS --to ROWS --plan prints it)"),
        (["task", "missing", "--plan", "1-00000000", "--index", "0"], [:], 1, "no dataset at"),
        (["commit", "d"], [:], 2, "missing --plan ID"),
        (["commit", "d", "--plan", "1-00000000"], [:], 1, "d has no plan 1-00000000"),
        (["grow", "d", "--to", "10", "--tasks", "2"], [:], 2, "--tasks goes with --plan"),
        (["grow", "d", "--to", "3000", "--plan", "--tasks", "4"], [:], 1, "so it has at most 3 tasks; ask for fewer with --tasks"),
        (["commit", "d", "--plan", "+1-00000000"], [:], 2, "is not a plan id"),
    ] as [([String], [String: String], Int32, String)])
    func badInput(_ arguments: [String], _ environment: [String: String], _ status: Int32, _ message: String) throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let result = try ws.run(arguments, environment: environment.merging(["SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": ""]) { a, _ in a })
            #expect(result.status == status, "\(result.summary)")
            #expect(result.stderr.contains(message), "\(result.summary)")
            #expect(try ws.info("d").rows == 0)
        }
    }
}
