/// The plan of a grow from N to M rows: everything that depends on earlier rows, computed in
/// order before any task runs (DESIGN §3). Each task, a contiguous range of the new segments,
/// is then a pure function of the spec, the seed, the plan and the task's index.
///
/// A plain grow keeps its plan in memory and runs one task on local threads; `grow --plan`
/// writes it to the dataset's staging area (`GrowPlan.json`) for tasks run elsewhere.
struct GrowPlan: Sendable {
    /// The version the grow starts from. A plan read from a file knows only its number, rows
    /// and digest; the commit takes the rest from the manifest.
    var baseVersion: VersionInfo
    var toRows: Int64
    /// Every event that overlaps the new rows, plus those newly scheduled, in order.
    var events: [AnomalyEvent]
    /// How many of `events`, at its end, are not yet in the manifest.
    var newEventCount: Int
    /// The new segments, in row order.
    var segments: [Range<Int64>]
    /// Each task's segments, as indexes into `segments`: contiguous, in order, covering all.
    var tasks: [Range<Int>]
    /// Events that start before `toRows`, committed and new.
    var eventCount: Int64
    /// Rows that uniqueness made draw again, in row order.
    var retries: [Generator.Retry] = []
    /// Duplicates kept by soft uniqueness in the new rows (normal, anomalous).
    var duplicates: [Int64] = [0, 0]
    /// The sequential variables' states (in spec order) before each new segment, then after
    /// the last one: `segments.count + 1` entries, or none without sequential variables.
    var sequentialStates: [[SequentialState]] = []
    /// The message of the version the commit makes.
    var message: String = ""

    var fromRows: Int64 { baseVersion.rows }
    var newEvents: ArraySlice<AnomalyEvent> { events.suffix(newEventCount) }

    /// The retries of rows in `range`.
    func retries(in range: Range<Int64>) -> ArraySlice<Generator.Retry> {
        var low = 0, high = retries.count
        while low < high {
            let mid = (low + high) / 2
            if retries[mid].row < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < retries.count && retries[end].row < range.upperBound { end += 1 }
        return retries[low..<end]
    }

    /// Splits `segmentCount` segments into `count` contiguous tasks of near-equal size.
    static func split(segmentCount: Int, into count: Int) -> [Range<Int>] {
        (0..<count).map { i in (i * segmentCount / count)..<((i + 1) * segmentCount / count) }
    }
}

// MARK: - The plan file

extension GrowPlan {
    /// The plan as `staging/ID/plan.json` holds it, with what a task needs beyond it: the
    /// spec (which holds the seed) and the versions it was made with (FORMAT.md, "Staging").
    /// A task reads this file alone, never the manifest, so tasks on other machines need only
    /// the dataset's directory.
    func json(spec: Spec) -> JSONValue {
        func n<T: BinaryInteger>(_ v: T) -> JSONValue { .number(String(v)) }
        return .object([
            JSONMember("paranomPlan", n(1)),
            JSONMember("formatVersion", n(Manifest.formatVersion)),
            JSONMember("algorithmVersion", n(Generator.algorithmVersion)),
            JSONMember("baseVersion", n(baseVersion.version)),
            JSONMember("baseRows", n(baseVersion.rows)),
            JSONMember("baseDigest", .string(baseVersion.digest.description)),
            JSONMember("rows", n(toRows)),
            JSONMember("message", .string(message)),
            JSONMember("spec", spec.canonicalJSON),
            JSONMember("segments", .array(segments.map { .array([n($0.lowerBound), n($0.upperBound)]) })),
            JSONMember("tasks", .array(tasks.map { .array([n($0.lowerBound), n($0.upperBound)]) })),
            JSONMember("events", .array(events.map { .array([n($0.index), n($0.start), n($0.length), n($0.scenario)]) })),
            JSONMember("newEvents", n(newEventCount)),
            JSONMember("eventCount", n(eventCount)),
            JSONMember("retries", .array(retries.map { .array([n($0.row), n($0.attempt)]) })),
            JSONMember("duplicates", .array(duplicates.map(n))),
            JSONMember("sequentialStates", .array(sequentialStates.map { .array($0.map { .string($0.json) }) })),
        ])
    }

    /// Reads a plan file's JSON; returns the plan and its spec. Anything malformed is
    /// corruption of `file`; a plan of another format or algorithm version is unsupported.
    static func read(_ json: JSONValue, file: String) throws(ParanomError) -> (plan: GrowPlan, spec: Spec) {
        let reader = StagedFileReader(file: file)
        guard json["paranomPlan"]?.int64Value == 1 else { throw reader.malformed("it is not a Paranom plan") }
        let format = try reader.int(json, "formatVersion"), algorithm = try reader.int(json, "algorithmVersion")
        guard format == Int64(Manifest.formatVersion) else {
            throw .unsupportedVersion(what: "the dataset format of plan \(file)", found: Int(format), supported: Manifest.formatVersion)
        }
        guard algorithm == Int64(Generator.algorithmVersion) else {
            throw .unsupportedVersion(what: "the generation algorithm of plan \(file)", found: Int(algorithm), supported: Generator.algorithmVersion)
        }
        guard let specJSON = json["spec"] else { throw reader.malformed("it has no spec") }
        let spec: Spec
        do { spec = try Spec(json: specJSON) } catch { throw reader.malformed("its spec does not validate: \(error)") }
        guard let digest = Digest(hex: try reader.string(json, "baseDigest")) else { throw reader.malformed("baseDigest is not a digest") }
        let base = VersionInfo(version: Int(try reader.int(json, "baseVersion")), rows: try reader.int(json, "baseRows"), createdAt: "",
                               durationMilliseconds: 0, digest: digest, message: "", anomalousRows: 0, events: 0, bytes: 0)
        let segments = try reader.tuples(json, "segments", width: 2).map { $0[0]..<$0[1] }
        let tasks = try reader.tuples(json, "tasks", width: 2).map { Int($0[0])..<Int($0[1]) }
        let events = try reader.tuples(json, "events", width: 4).map {
            AnomalyEvent(index: $0[0], start: $0[1], length: $0[2], scenario: Int($0[3]))
        }
        var plan = GrowPlan(baseVersion: base, toRows: try reader.int(json, "rows"), events: events,
                            newEventCount: Int(try reader.int(json, "newEvents")), segments: segments, tasks: tasks,
                            eventCount: try reader.int(json, "eventCount"))
        plan.message = try reader.string(json, "message")
        plan.retries = try reader.tuples(json, "retries", width: 2).map { Generator.Retry(row: $0[0], attempt: UInt32(truncatingIfNeeded: $0[1])) }
        plan.duplicates = try reader.tuples(json, "duplicates", width: 1).map { $0[0] }
        plan.sequentialStates = try reader.array(json, "sequentialStates").map { (entry) throws(ParanomError) in
            guard let states = entry.arrayValue else { throw reader.malformed("sequentialStates holds something other than lists") }
            return try states.map { (state) throws(ParanomError) in
                guard let text = state.stringValue else { throw reader.malformed("a sequential state is not a string") }
                return SequentialState(json: text)
            }
        }
        try plan.check(spec: spec, reader: reader)
        return (plan, spec)
    }

    /// The plan's shape: segments contiguous from the base rows to the target, tasks covering
    /// them in order, one set of sequential states per boundary.
    private func check(spec: Spec, reader: StagedFileReader) throws(ParanomError) {
        let contiguous = zip(segments, segments.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }
        guard let first = segments.first, let last = segments.last, first.lowerBound == fromRows, last.upperBound == toRows, contiguous,
              segments.allSatisfy({ !$0.isEmpty && $0.count <= spec.segmentRows }) else {
            throw reader.malformed("its segments do not cover rows \(fromRows) to \(toRows)")
        }
        guard tasks.first?.lowerBound == 0, tasks.last?.upperBound == segments.count,
              zip(tasks, tasks.dropFirst()).allSatisfy({ $0.upperBound == $1.lowerBound }), tasks.allSatisfy({ !$0.isEmpty }) else {
            throw reader.malformed("its tasks do not cover its \(segments.count) segments")
        }
        let scenarios = 1..<(spec.scenarioNames.count + 1)
        guard events.allSatisfy({ $0.start >= 0 && $0.length > 0 && scenarios.contains($0.scenario) }),
              zip(events, events.dropFirst()).allSatisfy({ $0.end <= $1.start && $0.index < $1.index }) else {
            throw reader.malformed("its events are malformed, overlap or are out of order")
        }
        guard retries.allSatisfy({ (fromRows..<toRows).contains($0.row) }),
              zip(retries, retries.dropFirst()).allSatisfy({ $0.row < $1.row }) else {
            throw reader.malformed("its retries are outside the new rows or out of order")
        }
        guard (0...events.count).contains(newEventCount), duplicates.count == 2,
              sequentialStates.isEmpty || sequentialStates.count == segments.count + 1 else {
            throw reader.malformed("its events, duplicates or sequential states are inconsistent")
        }
    }
}

/// Reads the members of a JSON file in the staging area, reporting anything missing or of the
/// wrong kind as corruption of the file.
struct StagedFileReader {
    let file: String

    func malformed(_ detail: String) -> ParanomError {
        .corruption(file: file, detail: detail)
    }

    func int(_ json: JSONValue, _ key: String) throws(ParanomError) -> Int64 {
        guard let value = json[key]?.int64Value else { throw malformed("\(key) is missing or not an integer") }
        return value
    }

    func string(_ json: JSONValue, _ key: String) throws(ParanomError) -> String {
        guard let value = json[key]?.stringValue else { throw malformed("\(key) is missing or not a string") }
        return value
    }

    func array(_ json: JSONValue, _ key: String) throws(ParanomError) -> [JSONValue] {
        guard let value = json[key]?.arrayValue else { throw malformed("\(key) is missing or not a list") }
        return value
    }

    /// A list of integers (width 1) or of lists of `width` integers.
    func tuples(_ json: JSONValue, _ key: String, width: Int) throws(ParanomError) -> [[Int64]] {
        try array(json, key).map { (entry) throws(ParanomError) in
            if width == 1, let value = entry.int64Value { return [value] }
            guard let items = entry.arrayValue, items.count == width else { throw malformed("\(key) holds an entry of the wrong shape") }
            return try items.map { (item) throws(ParanomError) in
                guard let value = item.int64Value else { throw malformed("\(key) holds something other than integers") }
                return value
            }
        }
    }

    /// Reads and parses the file.
    static func parse(_ path: String) throws(ParanomError) -> JSONValue {
        try parse(try SystemCall.readFile(path), file: path)
    }

    /// Parses a file's bytes.
    static func parse(_ bytes: [UInt8], file: String) throws(ParanomError) -> JSONValue {
        do { return try JSONValue(parsing: bytes) } catch { throw .corruption(file: file, detail: "not valid JSON (\(error))") }
    }
}
