#if canImport(Glibc)
import Glibc
#endif

/// What `plan(to:)` recorded.
public struct PlanSummary: Sendable {
    public var id: String
    public var tasks: Int
    public var segments: Int
    public var baseVersion: Int
    public var fromRows: Int64
    public var toRows: Int64
    /// Tasks already complete: the same plan was made before and some of its tasks ran.
    public var completeTasks: Int
    public var seconds: Double
}

/// What `runTask` did.
public struct TaskSummary: Sendable {
    public var plan: String
    public var index: Int
    public var tasks: Int
    public var rows: Range<Int64>
    public var segments: Int
    public var bytes: Int64
    /// The task was complete already, its files intact: nothing was written.
    public var skipped: Bool
    public var seconds: Double
}

/// A grow split into a plan, tasks and a commit, for tasks that run on other machines over a
/// shared dataset directory (DESIGN §3). The plan and the tasks' files live in the staging
/// area, `DS/staging/ID/`, which no version names (FORMAT.md, "Staging"):
///
/// - `plan.json`: the plan and the spec; a task reads this file alone, never the manifest;
/// - the segment files of every task, named as in `segments/`, and beside each, when the spec
///   has uniqueness, `NAME.keys`: the rows' key fingerprints, little-endian u64;
/// - `task-I.json`: written last by task I, once its files are durable: their records.
///
/// The plan's id is its next version and a hash of the plan file, so making the same plan
/// twice gives the same id and keeps the tasks already done.
extension Dataset {
    static let stagingName = "staging"
    /// Tasks a plan has when none is asked for: one per four segments, at most 1000 (Slurm's
    /// default largest job array holds 1001).
    static func defaultTaskCount(segments: Int) -> Int { min(1000, max(1, (segments + 3) / 4)) }

    var stagingPath: String { path + "/" + Dataset.stagingName }

    /// Plans a grow to `rows` in `tasks` tasks (by default one per four segments) and records
    /// it in the staging area; returns its id. Takes the write lock while it plans.
    public func plan(to rows: Int64, tasks: Int? = nil, threads: Int = defaultThreads, message: String = "",
                     wait: Bool = false, onWait: (() -> Void)? = nil) throws(ParanomError) -> PlanSummary {
        if let tasks, tasks < 1 { throw .invalidArgument("a plan needs at least one task (got \(tasks))") }
        let lock = try takeWriteLock(wait: wait, onWait: onWait)
        defer { SystemCall.close(lock) }
        try generator.requireInputs()
        let started = Timestamp.monotonic()
        let base = try currentVersion()
        try requireGrowth(from: base, to: rows)
        guard rows > base.rows else { throw .invalidArgument("\(path) already has \(groupedDigits(rows)) rows; a plan must add rows") }
        let segmentCount = newSegments(from: base.rows, to: rows).count
        if let tasks, tasks > segmentCount {
            throw .invalidArgument("a grow from \(groupedDigits(base.rows)) to \(groupedDigits(rows)) rows writes \(segmentCount) segment\(segmentCount == 1 ? "" : "s") of at most \(groupedDigits(spec.segmentRows)) rows, so it has at most \(segmentCount) task\(segmentCount == 1 ? "" : "s"); ask for fewer with --tasks")
        }
        var plan = try makePlan(to: rows, tasks: tasks ?? Dataset.defaultTaskCount(segments: segmentCount), threads: threads)
        plan.message = message
        let text = Array(plan.json(spec: spec).serialized.utf8)
        let id = "\(base.version + 1)-" + String(hex16(text.withUnsafeBytes { XXH64.hash($0) }).prefix(8))
        let directory = planDirectory(id)
        if try SystemCall.kind(stagingPath) == .missing { try SystemCall.makeDirectory(stagingPath) }
        var existed = try SystemCall.kind(directory) != .missing
        if existed && (try? SystemCall.readFile(directory + "/plan.json")) != text {
            // Damaged (or half removed): its tasks' files cannot be trusted either.
            removeTree(directory)
            existed = false
        }
        if !existed {
            // Whole or not at all: built under a temporary name, then renamed into place.
            let temporary = stagingPath + "/.\(id).\(SystemCall.hostName).\(getpid()).tmp"
            removeTree(temporary)
            try SystemCall.makeDirectory(temporary)
            do {
                try text.withRawBytes { (raw) throws(ParanomError) in try SystemCall.writeFile(temporary + "/plan.json", raw) }
                try SystemCall.rename(temporary, directory)
            } catch {
                removeTree(temporary)
                throw error
            }
            try SystemCall.syncDirectory(stagingPath)
        }
        // Counted by their records alone: checking their files would read them all.
        let complete = existed ? plan.tasks.indices.filter { (try? SystemCall.kind(directory + "/" + Dataset.taskFileName($0))) == .file }.count : 0
        return PlanSummary(id: id, tasks: plan.tasks.count, segments: plan.segments.count, baseVersion: base.version,
                           fromRows: base.rows, toRows: rows, completeTasks: complete, seconds: Timestamp.monotonic() - started)
    }

    /// Runs task `index` of plan `id` of the dataset at `path`: writes its segment files into
    /// the plan's staging directory, on `threads` threads, then its record. A task already
    /// complete, with its files intact, is skipped. Reads the plan file and the dataset's
    /// replay files, never the manifest, and takes no lock: tasks of one plan run at once, on
    /// any machines that share the directory, and rerunning one writes the same bytes.
    @discardableResult
    public static func runTask(at path: String, plan id: String, index: Int, threads: Int = defaultThreads,
                               callbacks: CallbackRegistry = .empty,
                               progress: ((GrowProgress) -> Void)? = nil) throws(ParanomError) -> TaskSummary {
        let path = try normalize(path)
        let (plan, spec, directory) = try readPlan(id, datasetPath: path)
        guard plan.tasks.indices.contains(index) else {
            throw .invalidArgument("plan \(id) has tasks 0 to \(plan.tasks.count - 1); there is no task \(index)")
        }
        let started = Timestamp.monotonic()
        let segments = plan.tasks[index]
        let rows = plan.segments[segments.lowerBound].lowerBound..<plan.segments[segments.upperBound - 1].upperBound
        func summary(_ records: [SegmentRecord], skipped: Bool) -> TaskSummary {
            TaskSummary(plan: id, index: index, tasks: plan.tasks.count, rows: rows, segments: records.count,
                        bytes: records.reduce(0) { $0 + $1.bytes }, skipped: skipped, seconds: Timestamp.monotonic() - started)
        }
        if let records = try? completedTask(index, of: plan, id: id, in: directory) { return summary(records, skipped: true) }
        // A record whose files are damaged goes first, so that it never names the files rewritten.
        try? SystemCall.unlink(directory + "/" + taskFileName(index))
        let replay = loadReplay(spec, datasetPath: path)
        let generator = Generator(spec: spec, inputs: GeneratorInputs(callbacks: callbacks, replay: replay.series, replayErrors: replay.errors))
        try generator.requireInputs()
        if !plan.sequentialStates.isEmpty {
            for states in plan.sequentialStates[segments] {
                try generator.checkSequentialStates(states, file: directory + "/plan.json")
            }
        }
        do {
            let records = try writeSegments(plan, segments, generator: generator, into: directory, threads: threads) { done in
                progress?(GrowProgress(rowsDone: done, rowsTotal: Int64(rows.count), seconds: Timestamp.monotonic() - started))
            }
            try writeTaskRecord(records, index: index, plan: id, into: directory)
            return summary(records, skipped: false)
        } catch {
            removeTemporaryFiles(in: directory)
            if case let .io(code, _, _) = error, code == ENOENT, (try? SystemCall.kind(directory + "/plan.json")) != .file {
                throw .notFound("plan \(id) was removed while task \(index) ran: it was committed, or another grow made it out of date; nothing of this task is needed")
            }
            throw error
        }
    }

    /// Removes the temporary files this process left in `directory` (after a failure).
    private static func removeTemporaryFiles(in directory: String) {
        for name in (try? SystemCall.listDirectory(directory)) ?? [] where name.hasPrefix(temporaryPrefix) {
            try? SystemCall.unlink(directory + "/" + name)
        }
    }

    /// Writes the key fingerprints beside each segment, then the task's record, which makes
    /// the task complete: its segments' records and a checksum of them.
    private static func writeTaskRecord(_ records: [SegmentRecord], index: Int, plan id: String, into directory: String) throws(ParanomError) {
        let temporary = directory + "/" + temporaryPrefix + "tmp"
        var entries: [JSONValue] = []
        for record in records {
            var keysChecksum: UInt64?
            if let fingerprints = record.fingerprints {
                let bytes = fingerprints.map(\.littleEndian).withUnsafeBytes { [UInt8]($0) }  // little-endian u64 per row
                keysChecksum = bytes.withUnsafeBytes { XXH64.hash($0) }
                try bytes.withRawBytes { (raw) throws(ParanomError) in
                    try SystemCall.writeFile(directory + "/" + record.file + ".keys", raw, syncDirectory: false, temporary: temporary)
                }
            }
            entries.append(record.stagedJSON(keysChecksum: keysChecksum))
        }
        try SystemCall.syncDirectory(directory)
        let segments = JSONValue.array(entries)
        let marker = JSONValue.object([JSONMember("plan", .string(id)), JSONMember("task", .number(String(index))),
                                       JSONMember("segments", segments), JSONMember("checksum", .string(recordChecksum(segments)))])
        try Array(marker.serialized.utf8).withRawBytes { (raw) throws(ParanomError) in
            try SystemCall.writeFile(directory + "/" + taskFileName(index), raw, temporary: temporary)
        }
    }

    /// The checksum a task's record holds of its segments: XXH64 of their compact JSON text.
    private static func recordChecksum(_ segments: JSONValue) -> String {
        hex16(Array(segments.serialized.utf8).withUnsafeBytes { XXH64.hash($0) })
    }

    /// Commits plan `id`: checks that every task's files are present and intact (on `threads`
    /// threads), places them in `segments/` and commits one version, as a plain grow to the
    /// plan's rows would have. Refuses a plan made for another version than the current one,
    /// and names the tasks to run again when some are missing or damaged; either way nothing
    /// is committed. Removes the plan, and any plan made out of date, once committed.
    @discardableResult
    public func commitPlan(_ id: String, threads: Int = defaultThreads, wait: Bool = false,
                           onWait: (() -> Void)? = nil) throws(ParanomError) -> VersionInfo {
        let lock = try takeWriteLock(wait: wait, onWait: onWait)
        defer { SystemCall.close(lock) }
        let started = Timestamp.monotonic()
        let base = try currentVersion()
        if let number = id.split(separator: "-").first.flatMap({ Int($0) }), number <= base.version,
           try SystemCall.kind(planDirectory(id)) == .missing {
            throw .invalidArgument("plan \(id) would make version \(number), but \(path) is at version \(base.version) already: the plan was committed, or another grow came first and made it out of date (its files are gone); nothing was committed")
        }
        let (planned, planSpec, directory) = try Dataset.readPlan(id, datasetPath: path)
        guard planSpec.canonicalJSON == spec.canonicalJSON else {
            throw .invalidArgument("plan \(id) was made for another spec than \(path)'s; it cannot be committed here")
        }
        let start = planned.baseVersion
        guard base.version == start.version, base.rows == start.rows, base.digest == start.digest else {
            throw .invalidArgument("plan \(id) was made for version \(start.version) of \(path) (\(groupedDigits(start.rows)) rows), but the dataset is now at version \(base.version) (\(groupedDigits(base.rows)) rows): the plan is out of date and was not committed; make a new one with paranom grow \(path) --to \(planned.toRows) --plan")
        }
        var plan = planned
        plan.baseVersion = base
        // Each task's records, or why it is not complete.
        var outcomes = [Result<[SegmentRecord], ParanomError>](repeating: .success([]), count: plan.tasks.count)
        try ParallelRunner.run(jobs: plan.tasks.count, threads: threads, makeWorker: { () throws(ParanomError) in () },
                               produce: { (_, task) throws(ParanomError) -> Result<[SegmentRecord], ParanomError> in
            Result { () throws(ParanomError) in try Dataset.completedTask(task, of: planned, id: id, in: directory) }
        }, consume: { (task, outcome) throws(ParanomError) in
            outcomes[task] = outcome
        })
        var records: [SegmentRecord] = []
        var incomplete: [(task: Int, reason: String)] = []
        for (task, outcome) in outcomes.enumerated() {
            switch outcome {
            case let .success(taskRecords): records += taskRecords
            case let .failure(error): incomplete.append((task, error.description))
            }
        }
        guard incomplete.isEmpty else { throw Dataset.incomplete(incomplete, plan: id, of: plan.tasks.count, path: path) }
        if !plan.sequentialStates.isEmpty {
            let ids = generator.sequentialVariableIDs
            for i in records.indices { records[i].sequentialStates = Array(zip(ids, plan.sequentialStates[i + 1])) }
        }
        try removeUnnamedFiles()
        var committed = false
        defer { if !committed { try? removeUnnamedFiles() } }
        for record in records {
            try SystemCall.linkOrCopy(directory + "/" + record.file, segmentPath(record.file))
        }
        let version = try commit(plan, records: records, started: started)
        committed = true
        return version
    }

    /// The error that names the tasks to run again.
    private static func incomplete(_ tasks: [(task: Int, reason: String)], plan id: String, of count: Int, path: String) -> ParanomError {
        let indexes = tasks.map(\.task)
        let shown = tasks.prefix(5).map { "task \($0.task): \($0.reason)" }.joined(separator: "; ")
        let more = tasks.count > 5 ? "; and \(tasks.count - 5) more" : ""
        let rerun = indexes.count == 1
            ? "run it again with: paranom task \(path) --plan \(id) --index \(indexes[0])"
            : "run them again with: paranom task \(path) --plan \(id) --index I, for I in \(indexes.map(String.init).joined(separator: ", "))"
        return .incompleteTasks(plan: id, tasks: indexes, detail: """
            plan \(id): \(indexes.count) of its \(count) tasks \(indexes.count == 1 ? "is" : "are") not complete (\(shown)\(more)); \
            nothing was committed. To finish, \(rerun); then commit again
            """)
    }

    /// Removes the staged plans of versions up to `version`, the latest: no commit can use
    /// them. Best effort: a plan that cannot be removed stays.
    func removeStalePlans(upTo version: Int) {
        guard let names = try? SystemCall.listDirectory(stagingPath) else { return }
        for name in names {
            // Plans, and the temporary directories of plans being written (".ID.HOST.PID.tmp").
            let id = name.hasPrefix(".") ? name.dropFirst() : Substring(name)
            guard let number = id.split(separator: "-").first.flatMap({ Int($0) }), number <= version else { continue }
            removeTree(stagingPath + "/" + name)
        }
    }

    func planDirectory(_ id: String) -> String { stagingPath + "/" + id }

    /// The ids of the plans in the staging area, in order: plans not committed yet.
    public func stagedPlans() throws(ParanomError) -> [String] {
        guard try SystemCall.kind(stagingPath) == .directory else { return [] }
        return try SystemCall.listDirectory(stagingPath).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func taskFileName(_ index: Int) -> String { "task-\(index).json" }

    /// Whether `id` has the form of a plan's id: `V-HHHHHHHH` (FORMAT.md §8).
    public static func isPlanID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].utf8.allSatisfy { (48...57).contains($0) }
            && parts[1].utf8.count == 8 && parts[1].utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Why `id` is refused when it does not have the form of a plan's id.
    public static func notAPlanID(_ id: String) -> String {
        "\"\(id)\" is not a plan id (an id looks like 4-1f0c9a3e: paranom grow DS --to ROWS --plan prints it)"
    }

    /// Reads plan `id` of the dataset at `datasetPath`: the plan, its spec and its directory.
    private static func readPlan(_ id: String, datasetPath: String) throws(ParanomError) -> (GrowPlan, Spec, String) {
        guard isPlanID(id) else { throw .invalidArgument(notAPlanID(id)) }
        let parts = id.split(separator: "-")
        guard try SystemCall.kind(datasetPath + "/" + manifestName) == .file else {
            throw .notFound("no dataset at \(datasetPath) (it has no \(manifestName))")
        }
        let directory = datasetPath + "/" + stagingName + "/" + id
        let file = directory + "/plan.json"
        guard try SystemCall.kind(file) == .file else {
            throw .notFound("\(datasetPath) has no plan \(id) (a plan is removed once it is committed, or once another grow makes it out of date; paranom log shows the versions)")
        }
        let bytes = try SystemCall.readFile(file)
        guard hex16(bytes.withUnsafeBytes { XXH64.hash($0) }).hasPrefix(parts[1]) else {
            throw .corruption(file: file, detail: "the file does not match the plan's id (it changed after it was written); remove \(directory) and make the plan again with paranom grow --plan")
        }
        let (plan, spec) = try GrowPlan.read(try StagedFileReader.parse(bytes, file: file), file: file)
        return (plan, spec, directory)
    }

    /// The records of task `index` when it is complete: its record file is there and every
    /// file it names is whole (size and checksum), for the plan's segments. Throws what is
    /// missing or wrong otherwise. The records lack the sequential states, which the plan has.
    static func completedTask(_ index: Int, of plan: GrowPlan, id: String, in directory: String) throws(ParanomError) -> [SegmentRecord] {
        let file = directory + "/" + taskFileName(index)
        guard try SystemCall.kind(file) == .file else { throw .notFound("it has not finished (no \(taskFileName(index)))") }
        let json = try StagedFileReader.parse(file)
        let reader = StagedFileReader(file: file)
        guard json["plan"]?.stringValue == id, json["task"]?.int64Value == Int64(index) else {
            throw reader.malformed("it is not the record of task \(index) of plan \(id)")
        }
        guard let segmentsJSON = json["segments"], json["checksum"]?.stringValue == recordChecksum(segmentsJSON) else {
            throw reader.malformed("its checksum does not match (it changed after the task wrote it)")
        }
        let entries = try reader.array(json, "segments")
        let segments = plan.tasks[index]
        guard entries.count == segments.count else { throw reader.malformed("it lists \(entries.count) segments, the plan \(segments.count)") }
        var records: [SegmentRecord] = []
        for (entry, segment) in zip(entries, segments) {
            let range = plan.segments[segment]
            var (record, keysChecksum) = try SegmentRecord.read(stagedJSON: entry, reader: reader)
            guard record.start == range.lowerBound, record.count == range.count,
                  record.file == SegmentFile.name(start: record.start, count: record.count) else {
                throw reader.malformed("segment \(record.file) is not the plan's segment of rows \(range.lowerBound) to \(range.upperBound)")
            }
            let segmentFile = directory + "/" + record.file
            try SegmentFile.check(try readStaged(segmentFile), record: record, path: segmentFile, recordedBy: taskFileName(index))
            if let keysChecksum {
                let keysFile = segmentFile + ".keys"
                let bytes = try readStaged(keysFile)
                guard bytes.count == record.count * 8, bytes.withUnsafeBytes({ XXH64.hash($0) }) == keysChecksum else {
                    throw .corruption(file: keysFile, detail: "the key fingerprints do not match the task's record")
                }
                record.fingerprints = bytes.withUnsafeBytes { $0.littleEndianWords }
            }
            records.append(record)
        }
        return records
    }

    /// A staged file's bytes; a missing one is named as missing.
    private static func readStaged(_ path: String) throws(ParanomError) -> [UInt8] {
        do {
            return try SystemCall.readFile(path)
        } catch {
            if case let .io(code, _, _) = error, code == ENOENT { throw .notFound("\(path) is missing") }
            throw error
        }
    }
}

// MARK: - Task records

extension SegmentRecord {
    /// The record as a task's record file holds it: what the manifest stores of the segment
    /// and its blocks, and the checksum of its key fingerprints' file, when it has one.
    /// Block minimums and maximums are JSON integers for integer blocks and, for float64
    /// blocks, strings holding the shortest text that reads back to the same double.
    func stagedJSON(keysChecksum: UInt64?) -> JSONValue {
        func n<T: BinaryInteger>(_ v: T) -> JSONValue { .number(String(v)) }
        func bound(_ value: SQLValue) -> JSONValue {
            switch value {
            case let .integer(v): return n(v)
            case let .real(v): return .string(v.description)
            default: return .null
            }
        }
        let blockEntries: [JSONValue] = blocks.map { block in
            .object([
                JSONMember("column", n(block.column)), JSONMember("offset", n(block.offset)), JSONMember("length", n(block.length)),
                JSONMember("rawLength", n(block.rawLength)), JSONMember("encoding", .string(block.layout.kind.rawValue)),
                JSONMember("decimals", block.layout.decimals.map(n) ?? .null), JSONMember("base", n(block.layout.base)),
                JSONMember("width", n(block.layout.width)), JSONMember("reference", n(block.layout.reference)),
                JSONMember("min", bound(block.minimum)), JSONMember("max", bound(block.maximum)),
            ])
        }
        var members = [
            JSONMember("file", .string(file)), JSONMember("start", n(start)), JSONMember("count", n(count)),
            JSONMember("bytes", n(bytes)), JSONMember("checksum", .string(hex16(checksum))),
            JSONMember("digest", .string(digest.description)), JSONMember("anomalousRows", n(anomalousRows)),
            JSONMember("blocks", .array(blockEntries)),
        ]
        if let keysChecksum { members.append(JSONMember("keysChecksum", .string(hex16(keysChecksum)))) }
        return .object(members)
    }

    /// Reads what `stagedJSON` wrote; returns the record and its keys' checksum.
    static func read(stagedJSON json: JSONValue, reader: StagedFileReader) throws(ParanomError) -> (SegmentRecord, UInt64?) {
        func hex(_ key: String) throws(ParanomError) -> UInt64 {
            guard let value = UInt64(try reader.string(json, key), radix: 16) else { throw reader.malformed("\(key) is not hexadecimal") }
            return value
        }
        func bound(_ value: JSONValue?) throws(ParanomError) -> SQLValue {
            if let integer = value?.int64Value { return .integer(integer) }
            guard let real = value?.stringValue.flatMap(Double.init) else { throw reader.malformed("a block's min or max is malformed") }
            return .real(real)
        }
        let blocks = try reader.array(json, "blocks").map { (block) throws(ParanomError) -> BlockRecord in
            guard let kind = BlockLayout.Kind(rawValue: try reader.string(block, "encoding")) else {
                throw reader.malformed("a block has an unknown encoding")
            }
            let decimals = block["decimals"]?.int64Value.map { Int($0) }
            let layout = BlockLayout(kind: kind, decimals: decimals, base: try reader.int(block, "base"),
                                     width: Int(try reader.int(block, "width")), reference: try reader.int(block, "reference"))
            return BlockRecord(column: UInt32(truncatingIfNeeded: try reader.int(block, "column")), offset: Int(try reader.int(block, "offset")),
                               length: Int(try reader.int(block, "length")), rawLength: Int(try reader.int(block, "rawLength")),
                               layout: layout, minimum: try bound(block["min"]), maximum: try bound(block["max"]))
        }
        guard let digest = Digest(hex: try reader.string(json, "digest")) else { throw reader.malformed("a digest is malformed") }
        let record = SegmentRecord(start: try reader.int(json, "start"), count: Int(try reader.int(json, "count")),
                                   file: try reader.string(json, "file"), bytes: try reader.int(json, "bytes"),
                                   checksum: try hex("checksum"), digest: digest, anomalousRows: try reader.int(json, "anomalousRows"),
                                   blocks: blocks)
        return (record, json["keysChecksum"] == nil ? nil : try hex("keysChecksum"))
    }
}
