/// The errors Paranom reports: a small closed set, each with a message a user can act on.
///
/// The command line maps each kind to an exit code (see `exitCode`), so scripts can tell a
/// bad spec from a damaged dataset from a full disk.
public enum ParanomError: Error, Equatable, CustomStringConvertible {
    /// The spec is not valid; `path` is the JSON path of the offending value (`variables[2].normal`).
    case invalidSpec(path: String, message: String)
    /// A request that cannot be carried out as asked (a target below the current size, say).
    case invalidArgument(String)
    /// A dataset, file or version that does not exist.
    case notFound(String)
    /// Stored data that fails a check: a checksum, a size, a decoding.
    case corruption(file: String, detail: String)
    /// A system call failed.
    case io(errno: Int32, path: String, operation: String)
    /// SQLite refused an operation; `code` is the extended result code.
    case database(code: Int32, message: String, sql: String, path: String)
    /// A dataset written by a newer Paranom, or with an algorithm this build does not have.
    case unsupportedVersion(what: String, found: Int, supported: Int)
    /// Another process holds the dataset's write lock.
    case busy(path: String)
    /// Hard uniqueness could not find a unique key for a row within its tries.
    case uniquenessExhausted(row: Int64, detail: String)
    /// A staged grow's commit found tasks whose files are missing or damaged: `tasks` are
    /// their indexes, to run again.
    case incompleteTasks(plan: String, tasks: [Int], detail: String)

    public var description: String {
        switch self {
        case let .invalidSpec(path, message):
            return path.isEmpty ? "invalid spec: \(message)" : "invalid spec: \(path): \(message)"
        case let .invalidArgument(message):
            return message
        case let .notFound(message):
            return message
        case let .corruption(file, detail):
            return "corrupt dataset: \(file): \(detail)"
        case let .io(errno, path, operation):
            return "\(operation) \(path): \(SystemCall.errorName(errno))"
        case let .database(code, message, sql, path):
            let statement = sql.isEmpty ? "" : " (while running: \(sql.prefix(120)))"
            return "SQLite error \(code) in \(path): \(message)\(statement)"
        case let .unsupportedVersion(what, found, supported):
            return "\(what) is version \(found), but this Paranom supports up to \(supported): use a newer Paranom"
        case let .busy(path):
            return "\(path) is being written by another process (its write lock is held); wait for it to finish, or give --wait to wait for it"
        case let .uniquenessExhausted(_, detail):
            return detail
        case let .incompleteTasks(_, _, detail):
            return detail
        }
    }

    /// The process exit code the command line uses for this error.
    public var exitCode: Int32 {
        switch self {
        case .invalidArgument, .notFound, .incompleteTasks: return 1
        case .invalidSpec: return 3
        case .corruption, .unsupportedVersion, .database: return 4
        case .io: return 5
        case .busy: return 6
        case .uniquenessExhausted: return 7
        }
    }
}
