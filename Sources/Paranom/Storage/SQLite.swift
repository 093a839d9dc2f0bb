import CSQLite

/// One SQLite connection, used by one thread (not `Sendable`); closed in `deinit`.
///
/// Every return code passes through `check`, which throws `ParanomError.database` with the
/// extended result code, SQLite's message, the SQL and the file.
final class Database {
    private var handle: OpaquePointer?
    let path: String

    /// Opens (or, with `create`, creates) a database file. Read-only connections never write.
    init(path: String, readOnly: Bool = false, create: Bool = false) throws(ParanomError) {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        if rc != SQLITE_OK {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            handle = nil
            throw .database(code: rc, message: message, sql: "", path: path)
        }
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func check(_ rc: Int32, _ sql: String) throws(ParanomError) {
        guard rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE else { return }
        let message = String(cString: sqlite3_errmsg(handle))
        throw .database(code: sqlite3_extended_errcode(handle), message: message, sql: sql, path: path)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(ParanomError) {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql)
    }

    func prepare(_ sql: String) throws(ParanomError) -> Statement {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil), sql)
        return Statement(database: self, handle: statement!, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`; rolls back when it throws.
    func transaction<T>(_ body: () throws(ParanomError) -> T) throws(ParanomError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Binds the values, steps through every row and returns what `row` makes of each.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], row: (Statement) throws(ParanomError) -> T) throws(ParanomError) -> [T] {
        var results: [T] = []
        try forEachRow(sql, values) { (statement) throws(ParanomError) in results.append(try row(statement)) }
        return results
    }

    /// Binds the values and calls `body` at every row, with the statement positioned on it.
    func forEachRow(_ sql: String, _ values: [SQLValue] = [], _ body: (Statement) throws(ParanomError) -> Void) throws(ParanomError) {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() { try body(statement) }
    }

    /// Runs a statement with values bound, for its effect.
    func run(_ sql: String, _ values: [SQLValue] = []) throws(ParanomError) {
        try forEachRow(sql, values) { _ in }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
}

/// A value to bind to a statement parameter.
enum SQLValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}

/// A prepared statement, finalized in `deinit`; not `Sendable`.
final class Statement {
    private let database: Database
    private let handle: OpaquePointer
    let sql: String

    fileprivate init(database: Database, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ values: [SQLValue]) throws(ParanomError) {
        try database.check(sqlite3_reset(handle), sql)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case let .integer(v): rc = sqlite3_bind_int64(handle, index, v)
            case let .real(v): rc = sqlite3_bind_double(handle, index, v)
            case let .text(v): rc = paranom_sqlite3_bind_text_transient(handle, index, v, -1)
            case let .blob(v): rc = v.withUnsafeBytes { paranom_sqlite3_bind_blob_transient(handle, index, $0.baseAddress, Int32($0.count)) }
            case .null: rc = sqlite3_bind_null(handle, index)
            }
            try database.check(rc, sql)
        }
    }

    /// Steps once; true when a row is available.
    func step() throws(ParanomError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        try database.check(rc, sql)
        return false
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    func blob(_ column: Int32) -> [UInt8] {
        withBlob(column) { [UInt8]($0) }
    }

    /// Calls `body` with a blob's bytes in place, without copying them; they are valid
    /// during the call only.
    func withBlob<T, E: Error>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws(E) -> T) throws(E) -> T {
        let pointer = sqlite3_column_blob(handle, column)  // before the size, as SQLite advises
        let count = pointer == nil ? 0 : Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
