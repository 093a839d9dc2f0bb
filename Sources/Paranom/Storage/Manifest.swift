/// One committed version of a dataset.
public struct VersionInfo: Sendable, Equatable {
    public var version: Int
    public var rows: Int64
    /// UTC time of the commit, RFC 3339.
    public var createdAt: String
    public var durationMilliseconds: Int64
    public var digest: Digest
    public var message: String
    public var anomalousRows: Int64
    public var events: Int64
    /// Bytes of the segment files that hold this version's rows.
    public var bytes: Int64
    /// Rows kept by soft uniqueness although their key repeats, in all rows so far.
    public var normalDuplicates: Int64 = 0
    public var anomalousDuplicates: Int64 = 0
}

extension VersionInfo {
    /// The version as a JSON object, for `--json` outputs: every field, plus `added`, the
    /// rows this version added to the one before it, when given.
    public func json(added: Int64? = nil) -> JSONValue {
        func n<T: BinaryInteger>(_ v: T) -> JSONValue { .number(String(v)) }
        var members = [JSONMember("version", n(version)), JSONMember("rows", n(rows))]
        if let added { members.append(JSONMember("added", n(added))) }
        members += [
            JSONMember("createdAt", .string(createdAt)), JSONMember("durationMs", n(durationMilliseconds)),
            JSONMember("digest", .string(digest.description)), JSONMember("message", .string(message)),
            JSONMember("anomalousRows", n(anomalousRows)), JSONMember("events", n(events)), JSONMember("bytes", n(bytes)),
            JSONMember("normalDuplicates", n(normalDuplicates)), JSONMember("anomalousDuplicates", n(anomalousDuplicates)),
        ]
        return .object(members)
    }
}

/// The dataset's manifest: the SQLite database that is the source of truth (FORMAT.md).
///
/// Not `Sendable`: it owns one connection, used by the thread that opened it.
final class Manifest {
    static let formatVersion = 1
    let database: Database

    static let schema = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE columns(id INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL, decimals INTEGER, categories TEXT);
        CREATE TABLE versions(version INTEGER PRIMARY KEY, rows INTEGER NOT NULL, created_at TEXT NOT NULL,
            duration_ms INTEGER NOT NULL, digest TEXT NOT NULL, message TEXT NOT NULL,
            anomalous_rows INTEGER NOT NULL, events INTEGER NOT NULL, bytes INTEGER NOT NULL,
            normal_duplicates INTEGER NOT NULL, anomalous_duplicates INTEGER NOT NULL);
        CREATE TABLE segments(id INTEGER PRIMARY KEY, version INTEGER NOT NULL, row_start INTEGER NOT NULL UNIQUE,
            row_count INTEGER NOT NULL, file TEXT NOT NULL UNIQUE, bytes INTEGER NOT NULL, checksum TEXT NOT NULL,
            digest TEXT NOT NULL, anomalous_rows INTEGER NOT NULL);
        CREATE TABLE blocks(segment_id INTEGER NOT NULL, column_id INTEGER NOT NULL, offset INTEGER NOT NULL,
            length INTEGER NOT NULL, raw_length INTEGER NOT NULL, encoding TEXT NOT NULL, decimals INTEGER,
            base INTEGER NOT NULL, width INTEGER NOT NULL, reference INTEGER NOT NULL, min NUMERIC, max NUMERIC,
            PRIMARY KEY(segment_id, column_id));
        CREATE TABLE events(idx INTEGER PRIMARY KEY, start INTEGER NOT NULL, length INTEGER NOT NULL,
            scenario TEXT NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE fingerprints(segment_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE sequential_states(segment_id INTEGER NOT NULL, variable_id INTEGER NOT NULL, state TEXT NOT NULL,
            PRIMARY KEY(segment_id, variable_id));
        """

    /// The tables with one row (or a few) per segment, keyed by `segment_id`: whatever drops or
    /// replaces a segment (a cut at checkout) must do the same to its rows there.
    /// The tables that hold rows per segment, each with a `segment_id` column (= `segments.id`).
    ///
    /// A checkout deletes a dropped segment's rows from each of these along with the segment,
    /// so a new table that holds rows per segment must be listed here. (The one rewritten cut
    /// segment is then recommitted through `commit`, which inserts its rows again.)
    static let perSegmentTables = ["blocks", "fingerprints", "sequential_states"]

    init(database: Database) {
        self.database = database
    }

    func meta(_ key: String) throws(ParanomError) -> String? {
        try database.query("SELECT value FROM meta WHERE key = ?", [.text(key)]) { $0.text(0) }.first
    }

    func versions() throws(ParanomError) -> [VersionInfo] {
        try database.query("""
            SELECT version, rows, created_at, duration_ms, digest, message, anomalous_rows, events, bytes,
                   normal_duplicates, anomalous_duplicates
            FROM versions ORDER BY version
            """) { (s) throws(ParanomError) in
            guard let digest = Digest(hex: s.text(4)) else {
                throw .corruption(file: database.path, detail: "version \(s.int64(0)) has a malformed digest")
            }
            return VersionInfo(version: Int(s.int64(0)), rows: s.int64(1), createdAt: s.text(2), durationMilliseconds: s.int64(3),
                               digest: digest, message: s.text(5), anomalousRows: s.int64(6), events: s.int64(7), bytes: s.int64(8),
                               normalDuplicates: s.int64(9), anomalousDuplicates: s.int64(10))
        }
    }

    /// The segments of the given version, in row order.
    func segments(upTo version: Int) throws(ParanomError) -> [SegmentRecord] {
        var blocksBySegment: [Int64: [BlockRecord]] = [:]
        let blockRows = try database.query("""
            SELECT b.segment_id, b.column_id, b.offset, b.length, b.raw_length, b.encoding, b.decimals, b.base, b.width,
                   b.reference, b.min, b.max
            FROM blocks b JOIN segments s ON s.id = b.segment_id WHERE s.version <= ? ORDER BY b.segment_id, b.rowid
            """, [.integer(Int64(version))]) { (s) throws(ParanomError) in
            guard let kind = BlockLayout.Kind(rawValue: s.text(5)), [0, 1, 2, 4, 8].contains(s.int64(8)) else {
                throw .corruption(file: database.path, detail: "a block of segment \(s.int64(0)) has an unknown encoding \"\(s.text(5))\"")
            }
            let layout = BlockLayout(kind: kind, decimals: s.isNull(6) ? nil : Int(s.int64(6)), base: s.int64(7),
                                     width: Int(s.int64(8)), reference: s.int64(9))
            return (s.int64(0), BlockRecord(column: UInt32(truncatingIfNeeded: s.int64(1)), offset: Int(s.int64(2)),
                                            length: Int(s.int64(3)), rawLength: Int(s.int64(4)), layout: layout,
                                            minimum: .real(s.double(10)), maximum: .real(s.double(11))))
        }
        for (segment, block) in blockRows { blocksBySegment[segment, default: []].append(block) }
        return try database.query("""
            SELECT id, row_start, row_count, file, bytes, checksum, digest, anomalous_rows
            FROM segments WHERE version <= ? ORDER BY row_start
            """, [.integer(Int64(version))]) { (s) throws(ParanomError) in
            guard let checksum = UInt64(s.text(5), radix: 16), let digest = Digest(hex: s.text(6)) else {
                throw .corruption(file: database.path, detail: "segment \(s.text(3)) has a malformed checksum or digest")
            }
            return SegmentRecord(start: s.int64(1), count: Int(s.int64(2)), file: s.text(3), bytes: s.int64(4), checksum: checksum,
                                 digest: digest, anomalousRows: s.int64(7), blocks: blocksBySegment[s.int64(0)] ?? [])
        }
    }

    /// The committed events, in schedule order, with scenario names turned back into codes.
    func events(scenarioNames: [String]) throws(ParanomError) -> [AnomalyEvent] {
        try database.query("SELECT idx, start, length, scenario FROM events ORDER BY idx") { (s) throws(ParanomError) in
            guard let code = scenarioNames.firstIndex(of: s.text(3)) else {
                throw .corruption(file: database.path, detail: "event \(s.int64(0)) names an unknown scenario \"\(s.text(3))\"")
            }
            return AnomalyEvent(index: s.int64(0), start: s.int64(1), length: s.int64(2), scenario: code + 1)
        }
    }

    /// Records a grow: its segments, their blocks, the new events and the version, in one transaction.
    func commit(version: VersionInfo, segments: [SegmentRecord], events: [AnomalyEvent], scenarioNames: [String]) throws(ParanomError) {
        try database.transaction { () throws(ParanomError) in
            let current = try database.query("SELECT COALESCE(MAX(version), -1) FROM versions") { $0.int64(0) }.first ?? -1
            guard current == Int64(version.version - 1) else {
                throw .invalidArgument("the dataset changed while growing (it is now at version \(current)); nothing was committed")
            }
            let insertSegment = try database.prepare("""
                INSERT INTO segments(version, row_start, row_count, file, bytes, checksum, digest, anomalous_rows)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertBlock = try database.prepare("""
                INSERT INTO blocks(segment_id, column_id, offset, length, raw_length, encoding, decimals, base, width, reference, min, max)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertFingerprints = try database.prepare("INSERT INTO fingerprints(segment_id, data) VALUES (?, ?)")
            // Prepared only when needed: manifests made before the table existed lack it.
            let insertState = try segments.contains { !$0.sequentialStates.isEmpty }
                ? database.prepare("INSERT INTO sequential_states(segment_id, variable_id, state) VALUES (?, ?, ?)") : nil
            for segment in segments {
                try insertSegment.bind([
                    .integer(Int64(version.version)), .integer(segment.start), .integer(Int64(segment.count)), .text(segment.file),
                    .integer(segment.bytes), .text(hex16(segment.checksum)), .text(segment.digest.description),
                    .integer(segment.anomalousRows),
                ])
                while try insertSegment.step() {}
                let id = database.lastInsertRowID
                if let fingerprints = segment.fingerprints {
                    let bytes = fingerprints.withUnsafeBytes { [UInt8]($0) }  // little-endian u64 per row
                    try insertFingerprints.bind([.integer(id), .blob(bytes)])
                    while try insertFingerprints.step() {}
                }
                if let insertState {
                    for (variable, state) in segment.sequentialStates {
                        try insertState.bind([.integer(id), .integer(Int64(variable)), .text(state.json)])
                        while try insertState.step() {}
                    }
                }
                for block in segment.blocks {
                    try insertBlock.bind([
                        .integer(id), .integer(Int64(block.column)), .integer(Int64(block.offset)), .integer(Int64(block.length)),
                        .integer(Int64(block.rawLength)), .text(block.layout.kind.rawValue),
                        block.layout.decimals.map { .integer(Int64($0)) } ?? .null, .integer(block.layout.base),
                        .integer(Int64(block.layout.width)), .integer(block.layout.reference), block.minimum, block.maximum,
                    ])
                    while try insertBlock.step() {}
                }
            }
            let insertEvent = try database.prepare("INSERT INTO events(idx, start, length, scenario, version) VALUES (?, ?, ?, ?, ?)")
            for event in events {
                try insertEvent.bind([.integer(event.index), .integer(event.start), .integer(event.length),
                                      .text(scenarioNames[event.scenario - 1]), .integer(Int64(version.version))])
                while try insertEvent.step() {}
            }
            try insertVersion(version)
        }
    }

    /// Calls `body` with the start row and the stored key fingerprints of each of the given
    /// version's segments, in row order: a grow streams them into its index, a segment at a
    /// time, without holding them all.
    func forEachFingerprints(upTo version: Int, _ body: (Int64, [UInt64]) throws(ParanomError) -> Void) throws(ParanomError) {
        try database.forEachRow("""
            SELECT s.row_start, s.row_count, f.data FROM fingerprints f JOIN segments s ON s.id = f.segment_id
            WHERE s.version <= ? ORDER BY s.row_start
            """, [.integer(Int64(version))]) { (s) throws(ParanomError) in
            try s.withBlob(2) { (data) throws(ParanomError) in
                guard data.count == Int(s.int64(1)) * 8 else {
                    throw .corruption(file: database.path, detail: "the fingerprints of the segment at row \(s.int64(0)) have the wrong size")
                }
                try body(s.int64(0), data.littleEndianWords)
            }
        }
    }

    /// The key fingerprints stored with the segment that starts at `start`, if any.
    func fingerprints(ofSegmentAt start: Int64) throws(ParanomError) -> [UInt64]? {
        try database.query("""
            SELECT f.data FROM fingerprints f JOIN segments s ON s.id = f.segment_id WHERE s.row_start = ?
            """, [.integer(start)]) { s in
            s.withBlob(0) { $0.littleEndianWords }
        }.first
    }

    /// The sequential variables' states after row `end - 1`, stored with the segment of the
    /// given version that ends there, by variable id.
    func sequentialStates(endingAt end: Int64, upTo version: Int) throws(ParanomError) -> [UInt32: SequentialState] {
        let rows = try database.query("""
            SELECT q.variable_id, q.state FROM sequential_states q JOIN segments s ON s.id = q.segment_id
            WHERE s.version <= ? AND s.row_start + s.row_count = ?
            """, [.integer(Int64(version)), .integer(end)]) { (s) throws(ParanomError) in
            (UInt32(truncatingIfNeeded: s.int64(0)), SequentialState(json: s.text(1)))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func insertVersion(_ version: VersionInfo) throws(ParanomError) {
        try database.run("""
            INSERT INTO versions(version, rows, created_at, duration_ms, digest, message, anomalous_rows, events, bytes,
                                 normal_duplicates, anomalous_duplicates)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(Int64(version.version)), .integer(version.rows), .text(version.createdAt),
                  .integer(version.durationMilliseconds), .text(version.digest.description), .text(version.message),
                  .integer(version.anomalousRows), .integer(version.events), .integer(version.bytes),
                  .integer(version.normalDuplicates), .integer(version.anomalousDuplicates)])
    }
}

func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

extension UnsafeRawBufferPointer {
    /// The bytes as little-endian u64 values, the layout of stored key fingerprints.
    var littleEndianWords: [UInt64] {
        (0..<(count / 8)).map { UInt64(littleEndian: loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
    }
}
