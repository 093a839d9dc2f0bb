#if canImport(Glibc)
import Glibc
#endif
import Paranom

/// A grow in steps, for a cluster: `grow --plan`, then `task` once per task (anywhere the
/// dataset's directory is shared), then `commit`.
extension Commands {
    static func printPlan(_ plan: PlanSummary, path: String) {
        let done = plan.completeTasks == 0 ? "" : "; \(Human.count(plan.completeTasks)) of its tasks are already complete"
        Terminal.out("""
            plan \(plan.id): \(Human.count(plan.tasks, "task")) over \(Human.count(plan.segments, "segment")), rows \(Human.count(plan.fromRows)) to \(Human.count(plan.toRows)) (version \(plan.baseVersion) to \(plan.baseVersion + 1)), planned in \(Human.duration(plan.seconds))\(done)
            run each task:  paranom task \(path) --plan \(plan.id) --index I   (I from 0 to \(plan.tasks - 1))
            then commit:    paranom commit \(path) --plan \(plan.id)

            """)
    }

    static func task(_ arguments: [String], callbacks: CallbackRegistry) throws {
        let args = try Arguments(arguments, options: ["--plan", "--index", "--threads"], flags: [])
        let path = try args.single("dataset path")
        guard let plan = args.values["--plan"] else { throw UsageError(message: "missing --plan ID") }
        let index = try taskIndex(args)
        let threads = try args.integer("--threads", in: 1...1024) ?? environmentThreads() ?? Dataset.defaultThreads
        let task = try Dataset.runTask(at: path, plan: plan, index: index, threads: threads, callbacks: callbacks,
                                       progress: progressLine("task \(index)"))
        let what = "plan \(task.plan), task \(task.index) (of 0 to \(task.tasks - 1))"
        let rows = "rows \(Human.count(task.rows.lowerBound)) to \(Human.count(task.rows.upperBound))"
        if task.skipped {
            Terminal.out("\(what): \(rows), already complete with its files intact; nothing written\n")
        } else {
            Terminal.out("\(what): \(rows) in \(Human.count(task.segments, "segment")), \(Human.count(task.bytes)) bytes written in \(Human.duration(task.seconds))\n")
        }
    }

    static func commit(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: ["--plan", "--threads"], flags: ["--wait"])
        let path = try args.single("dataset path")
        guard let plan = args.values["--plan"] else { throw UsageError(message: "missing --plan ID") }
        let threads = try args.integer("--threads", in: 1...1024) ?? Dataset.defaultThreads
        let dataset = try Dataset.open(at: path)
        let started = monotonicSeconds()
        let waiting = { Terminal.err("paranom commit: \(dataset.path) is being written by another process; waiting for it to finish\n") }
        let version = try dataset.commitPlan(plan, threads: threads, wait: args.flags.contains("--wait"), onWait: waiting)
        let added = version.rows - (try dataset.version(version.version - 1).rows)
        Terminal.out("committed plan \(plan): \(dataset.path) has \(Human.count(version.rows)) rows (version \(version.version)), \(Human.count(added)) new, digest \(version.digest); files checked and committed in \(Human.duration(monotonicSeconds() - started))\n")
    }

    /// The task's index: `--index`, else the job array's index from Slurm or Kubernetes.
    private static func taskIndex(_ args: Arguments) throws -> Int {
        if args.values["--index"] != nil { return try args.integer("--index", in: 0...Int(Int32.max))! }
        for name in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
            guard let value = environment(name) else { continue }
            guard let index = Int(value), index >= 0 else { throw UsageError(message: "\(name) is \"\(value)\", not a task index") }
            return index
        }
        throw UsageError(message: "missing --index I (or SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment)")
    }

    /// The CPUs Slurm gave the task, when it says.
    private static func environmentThreads() -> Int? {
        environment("SLURM_CPUS_PER_TASK").flatMap { Int($0) }.flatMap { $0 > 0 ? min($0, 1024) : nil }
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
