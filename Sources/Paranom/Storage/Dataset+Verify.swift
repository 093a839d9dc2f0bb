#if canImport(Glibc)
import Glibc
#endif

/// One thing `verify` found wrong: the file, and where known the column and rows.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    /// The damaged file: the manifest or a segment file.
    public var file: String
    /// The column's name, when the problem is in one column.
    public var column: String?
    /// The rows affected, when known.
    public var rows: Range<Int64>?
    public var detail: String

    public var description: String {
        var parts = [file]
        if let column { parts.append("column \(column)") }
        if let rows { parts.append("rows \(rows.lowerBound):\(rows.upperBound)") }
        return parts.joined(separator: ": ") + ": " + detail
    }
}

/// What `verify` checked and found.
public struct VerifyReport: Sendable {
    /// The latest committed version when verify began (nil when the manifest has none).
    public var version: VersionInfo?
    public var versions: Int
    public var segments: Int
    /// Bytes of segment files read.
    public var bytes: Int64
    public var deep: Bool
    public var problems: [VerifyProblem]
    /// Files in `segments/` that no committed version names: left by an interrupted grow, or
    /// being written by a running one. Readers ignore them, so they are not problems; the
    /// next grow or `repair` removes them.
    public var unnamedFiles: [String]

    /// True when every check held.
    public var isSound: Bool { problems.isEmpty }
}

extension Dataset {
    /// Checks the whole dataset and reports every problem it finds, rather than stopping at
    /// the first: the manifest's integrity (`PRAGMA integrity_check`) and consistency (its
    /// columns against the spec; versions, segments, blocks and events against one another),
    /// every segment file's size and checksum, its header, footer and trailer, every block's
    /// zstd checksum, the rows' digest, and the scenario column against the events. `deep`
    /// also regenerates every row from the spec and compares it bit for bit, and the events
    /// with the spec's schedule.
    ///
    /// Runs as a reader on the last committed version; segment files are checked on
    /// `threads` threads. `progress` gets the rows checked so far and the total. Throws only
    /// when the dataset cannot be read at all; damage is reported in the result.
    public func verify(deep: Bool = false, threads: Int = Dataset.defaultThreads,
                       progress: ((_ rowsDone: Int64, _ rowsTotal: Int64) -> Void)? = nil) throws(ParanomError) -> VerifyReport {
        var checks = ManifestChecks(dataset: self)
        // Everything from the manifest comes from one snapshot, whatever a grow commits meanwhile.
        let state = try manifest.readSnapshot { () throws(ParanomError) in try checks.read() }
        checks.check(state, deep: deep)
        var report = VerifyReport(version: state.versions.last, versions: state.versions.count, segments: state.records.count,
                                  bytes: 0, deep: deep, problems: checks.problems, unnamedFiles: [])
        let segmentCheck = SegmentCheck(
            segmentsPath: segmentsPath, generator: generator,
            columnNames: Dictionary(Dataset.storedColumns(spec).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
            columnDecimals: Dictionary(Dataset.storedColumns(spec).map { ($0.id, $0.decimals) }, uniquingKeysWith: { a, _ in a }),
            events: state.events, regeneration: deep ? try regeneration(of: state.records, threads: threads) : nil)
        // Rows that cannot be a range are reported above; their files are not read.
        let records = state.records.filter { $0.start >= 0 && $0.count > 0 && $0.start <= Int64.max - Int64($0.count) }
        let total = records.reduce(Int64(0)) { $0 + Int64($1.count) }
        var done: Int64 = 0
        try ParallelRunner.run(jobs: records.count, threads: threads, makeWorker: { () throws(ParanomError) in
            try ZstdDecompressor()
        }, produce: { (decompressor, index) -> ([VerifyProblem], Int64) in
            segmentCheck.run(records[index], decompressor: decompressor)
        }, consume: { (index, result) in
            report.problems += result.0
            report.bytes += result.1
            done += Int64(records[index].count)
            progress?(done, total)
        })
        do {
            report.unnamedFiles = try SystemCall.listDirectory(segmentsPath).filter { !state.named.contains($0) }
        } catch {
            report.problems.append(VerifyProblem(file: segmentsPath, detail: "\(error)"))
        }
        return report
    }
}

extension Dataset {
    /// The plan that regenerates the stored segments from nothing, with uniqueness attempts
    /// and sequential states: nil when the segments are not contiguous from row 0 (which the
    /// manifest checks report).
    fileprivate func regeneration(of records: [SegmentRecord], threads: Int) throws(ParanomError) -> (plan: GrowPlan, segment: [Int64: Int])? {
        try generator.requireInputs()
        let ranges = records.map { $0.start..<$0.end }
        guard ranges.first?.lowerBound ?? 0 == 0, zip(ranges, ranges.dropFirst()).allSatisfy({ $0.upperBound == $1.lowerBound }) else { return nil }
        let plan = try regenerationPlan(segments: ranges, threads: threads)
        return (plan, Dictionary(uniqueKeysWithValues: ranges.enumerated().map { ($1.lowerBound, $0) }))
    }
}

/// The manifest as verify reads it: every table, whether or not it is consistent.
private struct ManifestState {
    var integrity: [String] = []
    var columns: [Dataset.ColumnRow] = []
    var versions: [VersionInfo] = []
    var segmentRows: [Manifest.SegmentRow] = []
    var blockColumns: [Int64: [Int64]] = [:]
    var eventRows: [Manifest.EventRow] = []
    /// The events, decoded; empty when a row names an unknown scenario.
    var events: [AnomalyEvent] = []
    /// The segments of the latest version, decoded; empty when they cannot be.
    var records: [SegmentRecord] = []
    var named: Set<String> = []
}

/// The checks on the manifest alone, collecting problems.
private struct ManifestChecks {
    let dataset: Dataset
    var problems: [VerifyProblem] = []

    init(dataset: Dataset) {
        self.dataset = dataset
    }

    var file: String { dataset.manifestPath }

    mutating func problem(_ detail: String, rows: Range<Int64>? = nil) {
        problems.append(VerifyProblem(file: file, rows: rows, detail: detail))
    }

    /// Runs a query; a failure is a problem, and gives nil.
    mutating func attempt<T>(_ query: () throws(ParanomError) -> T) -> T? {
        do {
            return try query()
        } catch {
            if case let .corruption(_, detail) = error { problem(detail) } else { problem("\(error)") }
            return nil
        }
    }

    mutating func read() throws(ParanomError) -> ManifestState {
        let manifest = dataset.manifest
        var state = ManifestState()
        // A database that fails here is beyond checking table by table.
        state.integrity = try manifest.integrityProblems()
        state.columns = attempt { () throws(ParanomError) in try manifest.columnRows() } ?? []
        state.versions = attempt { () throws(ParanomError) in try manifest.versions() } ?? []
        state.segmentRows = attempt { () throws(ParanomError) in try manifest.segmentRows() } ?? []
        state.blockColumns = attempt { () throws(ParanomError) in try manifest.blockColumns() } ?? [:]
        state.eventRows = attempt { () throws(ParanomError) in try manifest.eventRows() } ?? []
        let scenarioNames = dataset.spec.scenarioNames
        state.events = attempt { () throws(ParanomError) in try manifest.events(scenarioNames: scenarioNames) } ?? []
        if let last = state.versions.last {
            state.records = attempt { () throws(ParanomError) in try manifest.segments(upTo: last.version) } ?? []
        }
        state.named = attempt { () throws(ParanomError) in try manifest.namedFiles() } ?? []
        return state
    }

    mutating func check(_ state: ManifestState, deep: Bool) {
        for line in state.integrity { problem("integrity check: \(line)") }
        checkColumns(state.columns)
        checkVersions(state)
        checkSegments(state)
        checkEvents(state, deep: deep)
    }

    mutating func checkColumns(_ columns: [Dataset.ColumnRow]) {
        let expected = Dataset.storedColumns(dataset.spec)
        func text(_ c: Dataset.ColumnRow) -> String {
            "id \(c.id) \"\(c.name)\" \(c.type)" + (c.decimals.map { " decimals \($0)" } ?? "")
                + (c.categories.map { " categories \($0)" } ?? "")
        }
        let found = columns.map(text), wanted = expected.map(text)
        if found != wanted {
            let position = (0..<min(found.count, wanted.count)).first { found[$0] != wanted[$0] } ?? min(found.count, wanted.count)
            let have = position < found.count ? found[position] : "nothing"
            let want = position < wanted.count ? wanted[position] : "nothing"
            problem("the columns table does not match the spec: at position \(position) it has \(have), the spec gives \(want)")
        }
    }

    mutating func checkVersions(_ state: ManifestState) {
        let versions = state.versions
        guard let first = versions.first else {
            problem("the manifest has no versions")
            return
        }
        if first.rows != 0 || first.digest != .zero { problem("version 0 has \(first.rows) rows and digest \(first.digest); it must be empty") }
        for (i, v) in versions.enumerated() where v.version != i {
            problem("the versions are not numbered 0, 1, 2, …: version \(v.version) is number \(i)")
            return
        }
        for (previous, v) in zip(versions, versions.dropFirst()) where v.rows < previous.rows {
            problem("version \(v.version) has \(v.rows) rows, fewer than version \(previous.version)'s \(previous.rows)")
        }
        // Per version, the sums over the segments it wrote; then running totals over versions.
        var written: [Int64: (digest: Digest, anomalous: Int64, bytes: Int64, end: Int64, start: Int64)] = [:]
        for s in state.segmentRows {
            let old = written[s.version] ?? (.zero, 0, 0, 0, .max)
            written[s.version] = (old.digest + (Digest(hex: s.digest) ?? .zero), old.anomalous &+ s.anomalousRows,
                                  old.bytes &+ s.bytes, max(old.end, s.end), min(old.start, s.start))
        }
        let eventStarts = state.eventRows.map(\.start).sorted()
        // The first row written by any later version, for each version.
        var laterStarts = [Int64](repeating: .max, count: versions.count)
        for i in versions.indices.reversed().dropFirst() {
            laterStarts[i] = min(laterStarts[i + 1], written[Int64(versions[i + 1].version)]?.start ?? .max)
        }
        var digest = Digest.zero, anomalous: Int64 = 0, bytes: Int64 = 0, end: Int64 = 0
        for (i, v) in versions.enumerated() {
            let mine = written[Int64(v.version)] ?? (.zero, 0, 0, 0, .max)
            digest = digest + mine.digest
            anomalous &+= mine.anomalous
            bytes &+= mine.bytes
            end = max(end, mine.end)
            if end != v.rows || laterStarts[i] < v.rows {
                problem("the segments of version \(v.version) do not hold exactly rows 0:\(v.rows)", rows: 0..<max(v.rows, 0))
            }
            if digest != v.digest { problem("version \(v.version)'s digest is \(v.digest), its segments' sum to \(digest)") }
            if anomalous != v.anomalousRows {
                problem("version \(v.version) records \(v.anomalousRows) anomalous rows, its segments \(anomalous)")
            }
            if bytes != v.bytes { problem("version \(v.version) records \(v.bytes) bytes, its segments hold \(bytes)") }
            var low = 0, high = eventStarts.count
            while low < high {
                let mid = (low + high) / 2
                if eventStarts[mid] < v.rows { low = mid + 1 } else { high = mid }
            }
            let events = Int64(low)
            if events != v.events { problem("version \(v.version) records \(v.events) events, the events table has \(events) before row \(v.rows)") }
        }
    }

    mutating func checkSegments(_ state: ManifestState) {
        let latest = Int64(state.versions.last?.version ?? 0)
        let columnIDs = Dataset.storedColumns(dataset.spec).map { Int64($0.id) }.sorted()
        var expectedStart: Int64 = 0
        for s in state.segmentRows {
            let rows = s.start..<max(s.start, s.end)
            let name = "segment \(s.file)"
            if s.start > expectedStart { problem("rows \(expectedStart):\(s.start) are in no segment", rows: expectedStart..<s.start) }
            if s.start < expectedStart { problem("\(name) overlaps the segment before it", rows: rows) }
            if s.count <= 0 { problem("\(name) has \(s.count) rows", rows: rows) }
            if s.version < 1 || s.version > latest { problem("\(name) belongs to version \(s.version), which does not exist", rows: rows) }
            if s.file.isEmpty || s.file.contains("/") || s.file == "." || s.file == ".." {
                problem("\(name) has a file name that is not a plain name in segments/", rows: rows)
            }
            if s.checksum.utf8.count != 16 || UInt64(s.checksum, radix: 16) == nil {
                problem("\(name) has a malformed checksum \"\(s.checksum)\"", rows: rows)
            }
            if Digest(hex: s.digest) == nil { problem("\(name) has a malformed digest \"\(s.digest)\"", rows: rows) }
            let blocks = state.blockColumns[s.id] ?? []
            if blocks != columnIDs {
                problem("\(name) has blocks for columns \(blocks), the spec's columns are \(columnIDs)", rows: rows)
            }
            expectedStart = max(expectedStart, s.end)
        }
        let segmentIDs = Set(state.segmentRows.map(\.id))
        let orphans = state.blockColumns.keys.filter { !segmentIDs.contains($0) }.sorted()
        if !orphans.isEmpty { problem("the blocks table has rows for segments that do not exist: \(orphans)") }
    }

    mutating func checkEvents(_ state: ManifestState, deep: Bool) {
        let names = dataset.spec.scenarioNames
        let versions = state.versions
        var previousEnd: Int64 = 0
        for (i, e) in state.eventRows.enumerated() {
            let rows = e.start..<max(e.start, e.start &+ e.length)
            if e.index != Int64(i) { problem("event \(e.index) is number \(i) in the events table", rows: rows) }
            if e.length < 1 { problem("event \(e.index) has length \(e.length)", rows: rows) }
            if e.start < previousEnd { problem("event \(e.index) overlaps the event before it", rows: rows) }
            if !names.contains(e.scenario) { problem("event \(e.index) names an unknown scenario \"\(e.scenario)\"", rows: rows) }
            // An event is committed by the grow that first generated its start row.
            if let v = versions.first(where: { Int64($0.version) == e.version }) {
                let previousRows = e.version > 0 ? versions.first { Int64($0.version) == e.version - 1 }?.rows ?? 0 : 0
                if !(previousRows <= e.start && e.start < v.rows) {
                    problem("event \(e.index) starts at row \(e.start), outside the rows version \(e.version) added", rows: rows)
                }
            } else {
                problem("event \(e.index) belongs to version \(e.version), which does not exist", rows: rows)
            }
            previousEnd = max(previousEnd, e.start &+ e.length)
        }
        guard deep, let last = versions.last else { return }
        let schedule = dataset.generator.events(after: nil, before: last.rows)
        let stored = state.eventRows.map { row in
            AnomalyEvent(index: row.index, start: row.start, length: row.length, scenario: (names.firstIndex(of: row.scenario) ?? -1) + 1)
        }
        if stored != schedule {
            let i = (0..<min(stored.count, schedule.count)).first { stored[$0] != schedule[$0] } ?? min(stored.count, schedule.count)
            let rows = i < schedule.count ? schedule[i].start..<schedule[i].end : (i < stored.count ? stored[i].start..<stored[i].end : nil)
            problem("the events table differs from the spec's schedule from event \(i) on (\(stored.count) stored, \(schedule.count) in the schedule)",
                    rows: rows)
        }
    }
}

/// The checks on one segment file. A pure function of the file and the manifest's record, so
/// segments are checked in parallel.
private struct SegmentCheck: Sendable {
    let segmentsPath: String
    let generator: Generator
    let columnNames: [UInt32: String]
    let columnDecimals: [UInt32: Int?]
    /// The committed events, which the scenario column must agree with.
    let events: [AnomalyEvent]
    /// For a deep check, the plan that regenerates the stored segments; nil otherwise.
    let regeneration: (plan: GrowPlan, segment: [Int64: Int])?

    /// The problems found in one segment, and the bytes read.
    func run(_ segment: SegmentRecord, decompressor: ZstdDecompressor) -> ([VerifyProblem], Int64) {
        let path = segmentsPath + "/" + segment.file
        let rows = segment.start..<segment.end
        var problems: [VerifyProblem] = []
        func problem(_ detail: String, column: UInt32? = nil, rows range: Range<Int64>? = rows) {
            problems.append(VerifyProblem(file: path, column: column.map { columnNames[$0] ?? "id \($0)" }, rows: range, detail: detail))
        }
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            if case let .io(code, _, _) = error, code == ENOENT {
                problem("the segment file is missing")
            } else {
                problem("cannot be read: \(error)")
            }
            return (problems, 0)
        }
        if Int64(bytes.count) != segment.bytes {
            problem("the file is \(bytes.count) bytes, the manifest says \(segment.bytes)"
                    + (Int64(bytes.count) < segment.bytes ? " (truncated)" : ""))
        } else if bytes.withUnsafeBytes({ XXH64.hash($0) }) != segment.checksum {
            problem("checksum mismatch: the file changed after it was written")
        }
        let checksumOrSize = problems.count
        if bytes.count < 8 || Array(bytes.prefix(8)) != SegmentFile.headerMagic {
            problem("the header is not PNMSEG01", rows: nil)
        }
        if bytes.count < 24 || Array(bytes.suffix(8)) != SegmentFile.trailerMagic {
            problem("the trailer is not PNMEND01", rows: nil)
        } else if let detail = footerMismatch(bytes, segment) {
            problem("the footer \(detail)", rows: nil)
        }
        var decoded: [UInt32: ColumnValues] = [:]
        for block in segment.blocks {
            do {
                decoded[block.column] = try SegmentFile.readBlock(bytes, block, rows: segment.count, path: path, decompressor: decompressor).values
            } catch {
                if case let .corruption(_, detail) = error { problem(detail, column: block.column) } else { problem("\(error)", column: block.column) }
            }
        }
        if problems.count == checksumOrSize && checksumOrSize > 0 && decoded.count == segment.blocks.count {
            // Every block decodes to its checked content, so the changed bytes did not change
            // any value (a bit zstd does not use), or lie outside the blocks. Compressing the
            // values again tells which.
            let changed = segment.blocks.filter { !recompresses($0, decoded[$0.column]!, bytes) }
            for block in changed { problem("the block's bytes changed, though its values still decode intact", column: block.column) }
            if changed.isEmpty { problem("every block still decodes and compresses back to its bytes: the damage is outside them", rows: nil) }
        }
        guard decoded.count == segment.blocks.count, !segment.blocks.isEmpty else { return (problems, Int64(bytes.count)) }
        let digest = segment.blocks.reduce(Digest.zero) { $0 + Digest.of(column: $1.column, start: segment.start, values: decoded[$1.column]!) }
        if digest != segment.digest { problem("the rows' digest is \(digest), the manifest says \(segment.digest)") }
        if case let .integer(scenario)? = decoded[Generator.scenarioColumn] {
            let anomalous = Int64(scenario.reduce(0) { $0 + ($1 == 0 ? 0 : 1) })
            if anomalous != segment.anomalousRows {
                problem("\(anomalous) rows are anomalous, the manifest says \(segment.anomalousRows)", column: Generator.scenarioColumn)
            }
            let expected = Self.scenarioCodes(rows, events: events)
            if let (range, count) = Self.differences(scenario.map { UInt64(bitPattern: $0) }, expected.map { UInt64(bitPattern: $0) }, start: segment.start) {
                problem("\(count) rows disagree with the events table", column: Generator.scenarioColumn, rows: range)
            }
        }
        if let (plan, segmentIndex) = regeneration, let index = segmentIndex[segment.start], plan.segments[index] == rows {
            let block = generator.rows(rows, events: plan.events.overlapping(rows), retries: plan.retries(in: rows),
                                       sequential: plan.sequentialStates.isEmpty ? nil : plan.sequentialStates[index])
            let generated = zip(generator.spec.variables.map(\.id), block.columns).map { ($0, $1) } + [(Generator.scenarioColumn, .integer(block.scenario))]
            for (id, values) in generated {
                guard let stored = decoded[id] else { continue }
                let storedBits = stored.withBitPatterns { Array($0) }, generatedBits = values.withBitPatterns { Array($0) }
                if let (range, count) = Self.differences(storedBits, generatedBits, start: segment.start) {
                    let at = Int(range.lowerBound - segment.start)
                    problem("\(count) values differ from the spec's; at row \(range.lowerBound) the file has \(Self.text(stored, at)), "
                            + "the spec gives \(Self.text(values, at))", column: id, rows: range)
                }
            }
        }
        return (problems, Int64(bytes.count))
    }

    /// Whether encoding and compressing a block's values again gives its bytes in the file.
    func recompresses(_ block: BlockRecord, _ values: ColumnValues, _ bytes: [UInt8]) -> Bool {
        let encoded = ColumnEncoding.encode(values, decimals: columnDecimals[block.column] ?? nil)
        guard encoded.layout == block.layout, let compressor = try? ZstdCompressor(level: generator.spec.compressionLevel) else { return false }
        var frame = [UInt8](repeating: 0, count: ZstdCompressor.bound(encoded.bytes.count))
        let length = try? encoded.bytes.withRawBytes { (raw) throws(ParanomError) in
            try frame.withMutableRawBytes { (out) throws(ParanomError) in try compressor.compress(raw, into: out.baseAddress!) }
        }
        guard let length, length == block.length else { return false }
        return frame[0..<length].elementsEqual(bytes[block.offset..<(block.offset + block.length)])
    }

    /// Compares the footer with the manifest's record; nil when they agree.
    func footerMismatch(_ bytes: [UInt8], _ segment: SegmentRecord) -> String? {
        let lengthBytes = bytes[(bytes.count - 16)..<(bytes.count - 8)]
        let length = lengthBytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(bytes.count - 24) else { return "length \(length) does not fit in the file" }
        let footerStart = bytes.count - 16 - Int(length)
        guard let footer = try? JSONValue(parsing: bytes[footerStart..<(bytes.count - 16)]) else { return "is not valid JSON" }
        guard footer["format"]?.int64Value == Int64(SegmentFile.formatVersion) else { return "names another format" }
        guard footer["rowStart"]?.int64Value == segment.start, footer["rowCount"]?.int64Value == Int64(segment.count) else {
            return "names other rows than the manifest"
        }
        guard let entries = footer["blocks"]?.arrayValue, entries.count == segment.blocks.count else {
            return "lists another number of blocks than the manifest"
        }
        for (entry, block) in zip(entries, segment.blocks) {
            let fields: [(String, Int64)] = [
                ("column", Int64(block.column)), ("offset", Int64(block.offset)), ("length", Int64(block.length)),
                ("rawLength", Int64(block.rawLength)), ("width", Int64(block.layout.width)), ("base", block.layout.base),
                ("reference", block.layout.reference),
            ]
            for (key, value) in fields where entry[key]?.int64Value != value {
                guard let found = entry[key] else { return "lacks column \(block.column)'s \(key)" }
                return "gives column \(block.column)'s \(key) as \(found.serialized), the manifest as \(value)"
            }
            if entry["encoding"]?.stringValue != block.layout.kind.rawValue || entry["decimals"]?.int64Value.map(Int.init) != block.layout.decimals
                || entry["name"]?.stringValue != columnNames[block.column] {
                return "describes column \(block.column) otherwise than the manifest"
            }
        }
        if footerStart != (segment.blocks.map { $0.offset + $0.length }.max() ?? 8) { return "does not start where the last block ends" }
        return nil
    }

    /// The scenario codes that the events give rows [range).
    static func scenarioCodes(_ range: Range<Int64>, events: [AnomalyEvent]) -> [Int64] {
        var codes = [Int64](repeating: 0, count: range.count)
        for event in events.overlapping(range) {
            for row in max(event.start, range.lowerBound)..<min(event.end, range.upperBound) {
                codes[Int(row - range.lowerBound)] = Int64(event.scenario)
            }
        }
        return codes
    }

    /// The rows from the first to the last that differ, and how many differ; nil when none.
    static func differences(_ a: [UInt64], _ b: [UInt64], start: Int64) -> (Range<Int64>, Int)? {
        guard a.count == b.count else { return (start..<(start + Int64(max(a.count, b.count))), abs(a.count - b.count)) }
        var first: Int?, last = 0, count = 0
        for i in a.indices where a[i] != b[i] {
            if first == nil { first = i }
            last = i
            count += 1
        }
        guard let first else { return nil }
        return (start + Int64(first)..<start + Int64(last) + 1, count)
    }

    static func text(_ values: ColumnValues, _ i: Int) -> String {
        switch values {
        case let .double(v): return i < v.count ? "\(v[i])" : "nothing"
        case let .integer(v): return i < v.count ? "\(v[i])" : "nothing"
        }
    }
}
