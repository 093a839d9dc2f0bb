import Foundation
import Testing

/// A one-node Slurm cluster on this machine (tools/slurm/start-local), started once for the
/// tests that need it and stopped when the test process exits, unless it was running before.
enum LocalSlurm {
    /// The environment that points Slurm's commands at the cluster, or why there is none.
    /// When Slurm cannot be installed here, the tests are skipped and the reason printed;
    /// when it is installed but does not start, the tests run and fail with the reason.
    static let environment: Result<[String: String], SlurmUnavailable> = start()

    static var runnable: Bool {
        if case let .failure(reason) = environment, reason.skip {
            FileHandle.standardError.write(Data("SlurmTests skipped: \(reason.message)\n".utf8))
            return false
        }
        return true
    }

    private static func start() -> Result<[String: String], SlurmUnavailable> {
        let script = CLI.root.appendingPathComponent("tools/slurm/start-local")
        let captures = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("paranom-slurm-start-" + UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: captures) }
            let (result, _) = try CLI.capture(script, [], in: CLI.root, capturesIn: captures)
            guard result.status == 0 else {
                return .failure(SlurmUnavailable(message: result.stderr.trimmingCharacters(in: .whitespacesAndNewlines), skip: result.status == 3))
            }
            guard let line = result.lines.last, line.hasPrefix("export SLURM_CONF=") else {
                return .failure(SlurmUnavailable(message: "start-local printed no SLURM_CONF: \(result.summary)", skip: false))
            }
            if !result.stderr.contains("already running") { atexit { stopLocal() } }
            return .success(ProcessInfo.processInfo.environment.merging(["SLURM_CONF": String(line.dropFirst("export SLURM_CONF=".count))]) { $1 })
        } catch {
            return .failure(SlurmUnavailable(message: "could not run \(script.path): \(error)", skip: false))
        }
    }
}

private func stopLocal() {
    let process = Process()
    process.executableURL = CLI.root.appendingPathComponent("tools/slurm/stop-local")
    try? process.run()
    process.waitUntilExit()
}

struct SlurmUnavailable: Error {
    var message: String
    var skip: Bool
}

/// Growing through Slurm: a job array of tasks and a dependent commit give the local grow's
/// dataset; a killed task is named by the commit, and running it again completes the plan.
@Suite(.serialized, .enabled(if: LocalSlurm.runnable, "Slurm cannot be installed on this machine"))
struct SlurmTests {
    /// Runs a program with the cluster's environment plus `extra`.
    static func run(_ ws: Workspace, _ program: String, _ arguments: [String], extra: [String: String] = [:]) throws -> CLIResult {
        let environment = try LocalSlurm.environment.get().merging(extra) { $1 }
        let executable = program.hasPrefix("/") ? URL(fileURLWithPath: program) : CLI.root.appendingPathComponent(program)
        return try CLI.capture(executable, arguments, in: ws.directory, capturesIn: ws.captures, environment: environment).0
    }

    /// Waits until Slurm no longer lists job `id` (an array waits for all its tasks).
    static func waitForJob(_ ws: Workspace, _ id: String) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let queue = try run(ws, "/usr/bin/squeue", ["-h", "-j", id, "-o", "%i %T"])
            if queue.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("Slurm job \(id) did not end within 120 s")
    }

    @Test func aGrowThroughAJobArrayEqualsALocalGrow() throws {
        try CLI.withWorkspace { ws in
            let binary = try #require(CLI.binary)
            let spec = try ws.spec("valve.json")
            try ws.dataset("local", spec: spec, grow: ["12000", "30000"])
            try ws.dataset("cluster", spec: spec, grow: ["12000"])
            let result = try Self.run(ws, "tools/slurm/grow", [ws.path("cluster"), "--to", "30k", "--tasks", "9"],
                                      extra: ["PARANOM": binary.path, "LOGS": ws.captures.path])
            try #require(result.status == 0, "\(result.summary)")
            #expect(result.stdout.contains("9 tasks over 18 segments"), "\(result.summary)")
            #expect(result.stdout.contains("committed plan 2-"), "\(result.summary)")
            let cluster = try ws.info("cluster"), local = try ws.info("local")
            #expect(cluster.rows == 30_000 && cluster.version == 2)
            #expect(cluster.digest == local.digest)
            try ws.succeed("verify", "cluster", "--deep")
        }
    }

    @Test func aKilledTaskIsNamedAndRunningItAgainLetsTheCommitSucceed() throws {
        try CLI.withWorkspace { ws in
            let binary = try #require(CLI.binary).path
            let spec = try ws.spec("sensors.json")
            try ws.dataset("local", spec: spec, grow: ["16000"])
            try ws.dataset("cluster", spec: spec)
            let plan = try ws.succeed("grow", "cluster", "--to", "16000", "--plan", "--tasks", "8")
            let id = try #require(plan.lines.first?.firstMatch(of: /^plan ([0-9]+-[0-9a-f]{8}):/)).output.1
            let dataset = ws.path("cluster")
            // Task 5 kills itself as it names its first segment file.
            let script = """
                if [ "$SLURM_ARRAY_TASK_ID" = 5 ]; then export PARANOM_TEST_SIGNAL=KILL:rename:.seg; fi
                exec '\(binary)' task '\(dataset)' --plan \(id)
                """
            let submitted = try Self.run(ws, "/usr/bin/sbatch", ["--parsable", "--array=0-7", "--output=\(ws.captures.path)/task-%a.out",
                                                                  "--wrap=\(script)"])
            try #require(submitted.status == 0, "\(submitted.summary)")
            try Self.waitForJob(ws, String(submitted.stdout.split(separator: ";")[0]).trimmingCharacters(in: .whitespacesAndNewlines))
            let refused = try ws.run("commit", "cluster", "--plan", String(id))
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("1 of its 8 tasks is not complete (task 5: it has not finished"), "\(refused.summary)")
            #expect(refused.stderr.contains("paranom task cluster --plan \(id) --index 5;"), "\(refused.summary)")
            #expect(try ws.info("cluster").rows == 0)
            let rerun = try Self.run(ws, "/usr/bin/sbatch", ["--parsable", "--array=5", "--output=\(ws.captures.path)/rerun-%a.out",
                                                              "--wrap=exec '\(binary)' task '\(dataset)' --plan \(id)"])
            try #require(rerun.status == 0, "\(rerun.summary)")
            try Self.waitForJob(ws, String(rerun.stdout.split(separator: ";")[0]).trimmingCharacters(in: .whitespacesAndNewlines))
            try ws.succeed("commit", "cluster", "--plan", String(id))
            #expect(try ws.info("cluster").digest == (try ws.info("local").digest))
        }
    }
}
