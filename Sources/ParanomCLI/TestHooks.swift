#if canImport(Glibc)
import Glibc
#endif
import Paranom
import Synchronization

/// Fault and crash points for the tests that run the built binary, set through the
/// environment (a test in the same process sets `SystemCall.fault` directly instead).
/// Without these variables nothing is installed.
///
/// - `PARANOM_TEST_SIGNAL=KILL:37`: before the 37th system call made through `SystemCall`,
///   the process sends itself SIGKILL (or `STOP`, `TERM`, ...).
/// - `PARANOM_TEST_SIGNAL=STOP:fsync:/segments`: the same, before the first `fsync` (or any
///   operation `SystemCall` names) of a path that ends with `/segments`.
/// - `PARANOM_TEST_FAULT=fsync:EIO:.seg`: every `fsync` of a path ending in `.seg` fails
///   with EIO (or ENOSPC, EFBIG, EDQUOT, EACCES, EROFS), as if the system had refused it.
enum TestHooks {
    static func installFromEnvironment() {
        let signal = environment("PARANOM_TEST_SIGNAL").flatMap(signalHook)
        let fault = environment("PARANOM_TEST_FAULT").flatMap(faultHook)
        guard signal != nil || fault != nil else { return }
        SystemCall.fault = { operation, path in
            signal?(operation, path)
            return fault?(operation, path)
        }
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static let signals: [String: Int32] = ["KILL": SIGKILL, "STOP": SIGSTOP, "TERM": SIGTERM, "INT": SIGINT, "ABRT": SIGABRT]
    private static let errors: [String: Int32] = ["EIO": EIO, "ENOSPC": ENOSPC, "EFBIG": EFBIG, "EDQUOT": EDQUOT, "EACCES": EACCES, "EROFS": EROFS]

    /// Counts calls across threads, and makes sure the signal is sent once.
    private final class Trigger: Sendable {
        let calls = Mutex(0)
        /// True the first time the condition holds.
        func fire(when matches: (Int) -> Bool) -> Bool {
            calls.withLock { count in
                guard count >= 0 else { return false }
                count += 1
                guard matches(count) else { return false }
                count = -1
                return true
            }
        }
    }

    private static func signalHook(_ text: String) -> (@Sendable (String, String) -> Void)? {
        let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count >= 2, let number = signals[parts[0]] else { return nil }
        let trigger = Trigger()
        if parts.count == 2 {
            guard let at = Int(parts[1]), at > 0 else { return nil }
            return { _, _ in if trigger.fire(when: { $0 == at }) { kill(getpid(), number) } }
        }
        let operation = parts[1], suffix = parts[2]
        return { op, path in if op == operation && path.hasSuffix(suffix) && trigger.fire(when: { _ in true }) { kill(getpid(), number) } }
    }

    private static func faultHook(_ text: String) -> SystemCall.Fault? {
        let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, let code = errors[parts[1]] else { return nil }
        let operation = parts[0], suffix = parts[2]
        return { op, path in op == operation && path.hasSuffix(suffix) ? code : nil }
    }
}
