import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `paranom` process started without waiting for it: to stop, kill or race it.
final class LaunchedCommand {
    let arguments: [String]
    let process: Process
    private let outURL: URL
    private let errURL: URL

    fileprivate init(arguments: [String], process: Process, outURL: URL, errURL: URL) {
        self.arguments = arguments
        self.process = process
        self.outURL = outURL
        self.errURL = errURL
    }

    var pid: Int32 { process.processIdentifier }

    /// What it has written to standard error so far.
    var stderrSoFar: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) {
        if process.isRunning { kill(pid, number) }
    }

    /// Kills the process if it still runs (a test that failed half-way), and reaps it.
    func end() {
        guard process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// True while the process is stopped (by SIGSTOP), from /proc.
    var isStopped: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.first == "T" || fields.first == "t"
    }

    /// Waits until `condition` holds, polling; fails the test after `limit` seconds (a guard
    /// against a hang, not a pass condition: it holds at once on a working build).
    func wait(until condition: () -> Bool, _ what: String, limit: Double = 120,
              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(limit)
        while !condition() {
            try #require(Date() < deadline, "gave up waiting until \(what): paranom \(arguments.joined(separator: " "))",
                         sourceLocation: sourceLocation)
            try #require(process.isRunning, "the process ended before \(what): \(stderrSoFar)", sourceLocation: sourceLocation)
            usleep(2000)
        }
    }

    /// Waits for the process to end and returns what it did; `killed` is the signal that
    /// ended it, if one did.
    func finish() throws -> (result: CLIResult, killed: Int32?) {
        process.waitUntilExit()
        let result = CLIResult(arguments: arguments, status: process.terminationStatus,
                               stdoutData: try Data(contentsOf: outURL), stderrData: try Data(contentsOf: errURL))
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return (result, process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }
}

extension Workspace {
    /// Starts the binary with `arguments` and extra environment variables, without waiting.
    /// `prefix` runs it through another program (such as `setpriv`, to run as another user).
    func launch(_ arguments: [String], environment: [String: String] = [:], prefix: [String] = [],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> LaunchedCommand {
        let binary = try #require(CLI.binary, "the paranom executable was not found; build it with 'swift build'",
                                  sourceLocation: sourceLocation)
        let id = UUID().uuidString
        let outURL = captures.appendingPathComponent(id + ".out"), errURL = captures.appendingPathComponent(id + ".err")
        try #require(FileManager.default.createFile(atPath: outURL.path, contents: nil), sourceLocation: sourceLocation)
        try #require(FileManager.default.createFile(atPath: errURL.path, contents: nil), sourceLocation: sourceLocation)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        if let program = prefix.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(prefix.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return LaunchedCommand(arguments: arguments, process: process, outURL: outURL, errURL: errURL)
    }

    /// Runs the binary to the end with extra environment variables or a prefix program.
    func run(_ arguments: [String], environment: [String: String], prefix: [String] = [],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let launched = try launch(arguments, environment: environment, prefix: prefix, sourceLocation: sourceLocation)
        let (result, killed) = try launched.finish()
        #expect(killed == nil, "paranom was killed by signal \(killed ?? 0): \(result.summary)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs the binary with `arguments` given as an array, and requires exit status 0.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try run(arguments, sourceLocation: sourceLocation)
        try #require(result.status == 0, "\(result.summary)", sourceLocation: sourceLocation)
        return result
    }

    /// Copies a dataset directory (closed, so its manifest is one file) to a new name.
    func copyDataset(_ from: String, to: String) throws {
        try FileManager.default.copyItem(atPath: path(from), toPath: path(to))
    }
}

/// Running as an unprivileged user, for permission tests: as root every permission check
/// passes, so a root test runs the binary through `setpriv` as `nobody`. Nil when that is not
/// possible; the tests then run as they are (and skip what needs it).
enum Unprivileged {
    static let prefix: [String]? = {
        if getuid() != 0 { return [] }
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        return setpriv.map { [$0, "--reuid=65534", "--regid=65534", "--clear-groups", "--"] }
    }()
}
