/// The manifest's queries for versions, checkout, verify and repair.
extension Manifest {
    /// Runs `body` in one read transaction, so that every query in it sees the same
    /// committed state, whatever a concurrent writer commits meanwhile.
    func readSnapshot<T>(_ body: () throws(ParanomError) -> T) throws(ParanomError) -> T {
        try database.execute("BEGIN DEFERRED")
        do {
            let result = try body()
            try database.execute("COMMIT")
            return result
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// What `PRAGMA integrity_check` finds: empty when the database is sound.
    func integrityProblems() throws(ParanomError) -> [String] {
        let lines = try database.query("PRAGMA integrity_check") { $0.text(0) }
        return lines == ["ok"] ? [] : lines
    }

    /// The file names that committed segments have.
    func namedFiles() throws(ParanomError) -> Set<String> {
        Set(try database.query("SELECT file FROM segments") { $0.text(0) })
    }

    /// Writes a consistent copy of the whole database to a new file at `path` (`VACUUM INTO`).
    func copy(to path: String) throws(ParanomError) {
        try database.run("VACUUM INTO ?", [.text(path)])
    }

    /// Deletes every segment that reaches past row `rows` (with its rows in `perSegmentTables`),
    /// every event that starts at or after it, and every version with more rows: what a
    /// checkout at `rows` removes from its copy of the manifest, in one transaction.
    func cut(above rows: Int64) throws(ParanomError) {
        try database.transaction { () throws(ParanomError) in
            let past: [SQLValue] = [.integer(rows)]
            for table in Manifest.perSegmentTables {
                try database.run("DELETE FROM \(table) WHERE segment_id IN (SELECT id FROM segments WHERE row_start + row_count > ?)", past)
            }
            try database.run("DELETE FROM segments WHERE row_start + row_count > ?", past)
            try database.run("DELETE FROM events WHERE start >= ?", past)
            try database.run("DELETE FROM versions WHERE rows > ?", past)
        }
    }

    /// A `segments` row as stored, for checks that must not trust it.
    struct SegmentRow {
        var id: Int64, version: Int64, start: Int64, count: Int64, file: String, bytes: Int64
        var checksum: String, digest: String, anomalousRows: Int64

        var end: Int64 { start &+ count }
    }

    func segmentRows() throws(ParanomError) -> [SegmentRow] {
        try database.query("""
            SELECT id, version, row_start, row_count, file, bytes, checksum, digest, anomalous_rows
            FROM segments ORDER BY row_start
            """) { s in
            SegmentRow(id: s.int64(0), version: s.int64(1), start: s.int64(2), count: s.int64(3), file: s.text(4),
                       bytes: s.int64(5), checksum: s.text(6), digest: s.text(7), anomalousRows: s.int64(8))
        }
    }

    /// The column ids of each segment's blocks, by segment id.
    func blockColumns() throws(ParanomError) -> [Int64: [Int64]] {
        var result: [Int64: [Int64]] = [:]
        for (segment, column) in try database.query("SELECT segment_id, column_id FROM blocks ORDER BY segment_id, column_id", row: { s in
            (s.int64(0), s.int64(1))
        }) {
            result[segment, default: []].append(column)
        }
        return result
    }

    /// The `columns` table, by position.
    func columnRows() throws(ParanomError) -> [Dataset.ColumnRow] {
        try database.query("SELECT id, position, name, type, decimals, categories FROM columns ORDER BY position") { s in
            var categories: [String]?
            if !s.isNull(5), let parsed = try? JSONValue(parsing: Array(s.text(5).utf8)), let items = parsed.arrayValue {
                categories = items.map { $0.stringValue ?? "\u{FFFD}" }
            }
            return Dataset.ColumnRow(id: UInt32(truncatingIfNeeded: s.int64(0)), position: Int(s.int64(1)), name: s.text(2),
                                     type: s.text(3), decimals: s.isNull(4) ? nil : Int(s.int64(4)), categories: categories)
        }
    }

    /// An `events` row as stored.
    struct EventRow: Equatable {
        var index: Int64, start: Int64, length: Int64, scenario: String, version: Int64
    }

    func eventRows() throws(ParanomError) -> [EventRow] {
        try database.query("SELECT idx, start, length, scenario, version FROM events ORDER BY idx") { s in
            EventRow(index: s.int64(0), start: s.int64(1), length: s.int64(2), scenario: s.text(3), version: s.int64(4))
        }
    }
}
