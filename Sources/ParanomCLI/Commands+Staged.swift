#if canImport(Glibc)
import Glibc
#endif
import Paranom

/// A grow in steps, for a cluster: `grow --plan`, then `task` once per task (anywhere the
/// dataset's directory is shared), then `commit`.
extension Commands {
    static func printPlan(_ plan: PlanSummary, path: String) {
        let done = plan.completeTasks == 0 ? ""
            : "; \(Human.count(plan.completeTasks)) of its tasks \(plan.completeTasks == 1 ? "is" : "are") already complete"
        let path = shellQuoted(path)
        let run = plan.tasks == 1 ? "run the task:   paranom task \(path) --plan \(plan.id) --index 0"
            : "run each task:  paranom task \(path) --plan \(plan.id) --index I   (I from 0 to \(plan.tasks - 1))"
        Terminal.out("""
            plan \(plan.id): \(Human.count(plan.tasks, "task")) over \(Human.count(plan.segments, "segment")), rows \(Human.count(plan.fromRows)) to \(Human.count(plan.toRows)) (version \(plan.baseVersion) to \(plan.baseVersion + 1)), planned in \(Human.duration(plan.seconds))\(done)
            \(run)
            then commit:    paranom commit \(path) --plan \(plan.id)

            """)
    }

    /// A path as a shell reads it back: as it is when it is plain, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || "/._-+,:=@%".utf8.contains(c)
        }
        return plain ? text : "'" + text.replacingOccurrences("'", with: "'\\''") + "'"
    }

    /// Notes the staged plans a plain grow made out of date (its commit removed them).
    static func notePlansRemoved(_ before: [String], _ dataset: Dataset) {
        let after = Set((try? dataset.stagedPlans()) ?? [])
        for id in before where !after.contains(id) {
            Terminal.err("paranom grow: note: plan \(id) was made for an earlier version and cannot be committed now; its staged files were removed\n")
        }
    }

    static func task(_ arguments: [String], callbacks: CallbackRegistry) throws {
        let args = try Arguments(arguments, options: ["--plan", "--index", "--threads"], flags: [])
        let path = try args.single("dataset path")
        let plan = try planID(args)
        let index = try taskIndex(args)
        let threads = try args.integer("--threads", in: 1...1024) ?? environmentThreads() ?? Dataset.defaultThreads
        let task = try Dataset.runTask(at: path, plan: plan, index: index, threads: threads, callbacks: callbacks,
                                       progress: progressLine("task \(index)"))
        let what = "plan \(task.plan), task \(task.index) " + (task.tasks == 1 ? "(its only task)" : "(of tasks 0 to \(task.tasks - 1))")
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
        let plan = try planID(args)
        let threads = try args.integer("--threads", in: 1...1024) ?? Dataset.defaultThreads
        let dataset = try Dataset.open(at: path)
        let started = monotonicSeconds()
        let waiting = { Terminal.err("paranom commit: \(dataset.path) is being written by another process; waiting for it to finish\n") }
        let version = try dataset.commitPlan(plan, threads: threads, wait: args.flags.contains("--wait"), onWait: waiting)
        let added = version.rows - (try dataset.version(version.version - 1).rows)
        Terminal.out("committed plan \(plan): \(dataset.path) has \(Human.count(version.rows)) rows (version \(version.version)), \(Human.count(added)) new, digest \(version.digest); files checked and committed in \(Human.duration(monotonicSeconds() - started))\n")
    }

    /// `--plan ID`, checked for the form of an id.
    private static func planID(_ args: Arguments) throws -> String {
        guard let id = args.values["--plan"] else { throw UsageError(message: "missing --plan ID") }
        guard Dataset.isPlanID(id) else { throw UsageError(message: Dataset.notAPlanID(id)) }
        return id
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

    /// The CPUs Slurm gave the task, when it runs in a Slurm job: `--cpus-per-task`, else the
    /// CPUs of the job on this node (one, unless more were asked for).
    private static func environmentThreads() -> Int? {
        for name in ["SLURM_CPUS_PER_TASK", "SLURM_CPUS_ON_NODE"] {
            if let count = environment(name).flatMap({ Int($0) }), count > 0 { return min(count, 1024) }
        }
        return nil
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
