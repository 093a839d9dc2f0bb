#if canImport(Glibc)
import Glibc
#endif

/// What a grow reports as it goes.
public struct GrowProgress: Sendable {
    public var rowsDone: Int64
    public var rowsTotal: Int64
    public var seconds: Double
}

extension Dataset {
    /// Grows the dataset to `rows` rows, committing one new version; returns nil when it
    /// already has that many rows.
    ///
    /// The same plan, task and commit as `plan(to:)`, `runTask` and `commitPlan`, in one
    /// process: the plan has one task, run on `threads` threads, writing straight into
    /// `segments/`. Segments are written before the commit; a grow that fails or is killed
    /// leaves the dataset at its previous version. Throws `busy` when
    /// another process is growing the dataset (with `wait`, calls `onWait` and waits for it
    /// instead), `invalidArgument` when `rows` is below its size.
    @discardableResult
    public func grow(to rows: Int64, threads: Int = defaultThreads, message: String = "",
                     wait: Bool = false, onWait: (() -> Void)? = nil,
                     progress: ((GrowProgress) -> Void)? = nil) throws(ParanomError) -> VersionInfo? {
        let lock = try takeWriteLock(wait: wait, onWait: onWait)
        defer { SystemCall.close(lock) }
        try generator.requireInputs()
        let started = Timestamp.monotonic()
        var plan = try makePlan(to: rows, tasks: 1, threads: threads)
        plan.message = message
        guard !plan.segments.isEmpty else { return nil }
        try removeUnnamedFiles()
        // A grow that fails removes the files it wrote: the next grow would, but a full disk
        // needs the space now. Only unnamed files go, so a commit that did happen is safe.
        var committed = false
        defer { if !committed { try? removeUnnamedFiles() } }
        let records = try Dataset.writeSegments(plan, plan.tasks[0], generator: generator, into: segmentsPath,
                                                threads: threads) { done in
            progress?(GrowProgress(rowsDone: done, rowsTotal: rows - plan.fromRows, seconds: Timestamp.monotonic() - started))
        }
        let version = try commit(plan, records: records, started: started)
        committed = true
        return version
    }

    /// Commits a grow whose segment files are all in `segments/` and durable: one transaction
    /// adds them, the new events and the version.
    func commit(_ plan: GrowPlan, records: [SegmentRecord], started: Double) throws(ParanomError) -> VersionInfo {
        try SystemCall.syncDirectory(segmentsPath)
        let base = plan.baseVersion
        let version = VersionInfo(
            version: base.version + 1, rows: plan.toRows, createdAt: Timestamp.now(),
            durationMilliseconds: Int64((Timestamp.monotonic() - started) * 1000),
            digest: records.reduce(base.digest) { $0 + $1.digest }, message: plan.message,
            anomalousRows: records.reduce(base.anomalousRows) { $0 + $1.anomalousRows },
            events: plan.eventCount,
            bytes: records.reduce(base.bytes) { $0 + $1.bytes },
            normalDuplicates: base.normalDuplicates + plan.duplicates[0],
            anomalousDuplicates: base.anomalousDuplicates + plan.duplicates[1])
        try manifest.commit(version: version, segments: records, events: Array(plan.newEvents), scenarioNames: spec.scenarioNames)
        removeStalePlans(upTo: version.version)
        return version
    }

    /// The segments a grow from `from` to `to` rows writes, in row order: each ends at the next
    /// multiple of the spec's segment size, or at `to`.
    func newSegments(from: Int64, to: Int64) -> [Range<Int64>] {
        let size = Int64(spec.segmentRows)
        var segments: [Range<Int64>] = []
        var start = from
        while start < to {
            let end = min(to, (start / size + 1) * size)
            segments.append(start..<end)
            start = end
        }
        return segments
    }

    /// Refuses a grow to fewer rows than the dataset has.
    func requireGrowth(from base: VersionInfo, to rows: Int64) throws(ParanomError) {
        guard rows >= base.rows else {
            throw .invalidArgument("\(path) already has \(groupedDigits(base.rows)) rows, more than \(groupedDigits(rows)); a dataset only grows (to get fewer rows, check out a smaller version with paranom checkout)")
        }
    }

    /// The number of threads a grow uses when none is given: all cores.
    public static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Plans a grow in `tasks` tasks (fewer when there are fewer new segments): the new
    /// events, the new segments and, with uniqueness, every row's attempt (candidates in
    /// parallel on `threads` threads, decided in row order here).
    func makePlan(to rows: Int64, tasks: Int, threads: Int) throws(ParanomError) -> GrowPlan {
        let base = try currentVersion()
        try requireGrowth(from: base, to: rows)
        let stored = try manifest.events(scenarioNames: spec.scenarioNames)
        let newEvents = generator.events(after: stored.last, before: rows)
        let events = stored.filter { $0.end > base.rows } + newEvents
        let segments = newSegments(from: base.rows, to: rows)
        var plan = GrowPlan(baseVersion: base, toRows: rows, events: events, newEventCount: newEvents.count, segments: segments,
                            tasks: GrowPlan.split(segmentCount: segments.count, into: min(tasks, segments.count)),
                            eventCount: Int64(stored.count + newEvents.count))
        try planRows(&plan, storedEvents: stored, threads: threads)
        return plan
    }

    /// The plan that makes rows [0, rows) from nothing, in the given contiguous segments from
    /// row 0: what `verify --deep` regenerates the stored segments with.
    func regenerationPlan(segments: [Range<Int64>], threads: Int) throws(ParanomError) -> GrowPlan {
        let rows = segments.last?.upperBound ?? 0
        let empty = VersionInfo(version: 0, rows: 0, createdAt: "", durationMilliseconds: 0, digest: .zero, message: "",
                                anomalousRows: 0, events: 0, bytes: 0)
        let events = generator.events(after: nil, before: rows)
        var plan = GrowPlan(baseVersion: empty, toRows: rows, events: events, newEventCount: events.count, segments: segments,
                            tasks: [segments.indices], eventCount: Int64(events.count))
        try planRows(&plan, storedEvents: [], threads: threads)
        return plan
    }

    /// What depends on earlier rows: uniqueness attempts and sequential states.
    private func planRows(_ plan: inout GrowPlan, storedEvents: [AnomalyEvent], threads: Int) throws(ParanomError) {
        guard !plan.segments.isEmpty else { return }
        if let uniqueness = spec.uniqueness {
            try resolveUniqueness(uniqueness, into: &plan, storedEvents: storedEvents, threads: threads)
        }
        if generator.sequentialCount > 0 {
            try planSequential(into: &plan, threads: threads)
        }
    }

    /// Runs each sequential variable in row order over the new rows (the variables in parallel
    /// on `threads` threads), from the state stored with the last segment, recording its state
    /// at every segment boundary.
    private func planSequential(into plan: inout GrowPlan, threads: Int) throws(ParanomError) {
        let generator = self.generator
        let ids = generator.sequentialVariableIDs
        var starts: [SequentialState] = []
        if plan.fromRows == 0 {
            for j in ids.indices { starts.append(try generator.initialSequentialState(j)) }
        } else {
            let stored = try manifest.sequentialStates(endingAt: plan.fromRows, upTo: plan.baseVersion.version)
            for id in ids {
                guard let state = stored[id] else {
                    throw .corruption(file: manifestPath, detail: "no sequential state of variable \(id) is stored with the segment ending at row \(plan.fromRows)")
                }
                starts.append(state)
            }
        }
        let segments = plan.segments, events = plan.events, first = starts
        var ends = [[SequentialState]](repeating: [], count: ids.count)
        try ParallelRunner.run(jobs: ids.count, threads: threads, makeWorker: { () throws(ParanomError) in () },
                               produce: { (_, j) throws(ParanomError) -> [SequentialState] in
            try generator.advance(j, from: first[j], through: segments, events: events)
        }, consume: { (j, states) throws(ParanomError) in
            ends[j] = states
        })
        plan.sequentialStates = [starts] + segments.indices.map { i in ids.indices.map { j in ends[j][i] } }
    }

    /// Loads the stored fingerprints, then decides the new rows' attempts in row order while
    /// worker threads compute the candidates of the segments ahead.
    private func resolveUniqueness(_ uniqueness: Uniqueness, into plan: inout GrowPlan, storedEvents: [AnomalyEvent],
                                   threads: Int) throws(ParanomError) {
        let generator = self.generator
        let newAnomalous = plan.events.reduce(Int64(0)) { $0 + max(0, min($1.end, plan.toRows) - max($1.start, plan.fromRows)) }
        let anomalous = Int(plan.baseVersion.anomalousRows + newAnomalous)
        var index = UniquenessIndex(generator: generator, uniqueness: uniqueness,
                                    expectedRows: (normal: Int(plan.toRows) - anomalous, anomalous: anomalous))
        try manifest.forEachFingerprints(upTo: plan.baseVersion.version) { start, fingerprints in
            let range = start..<(start + Int64(fingerprints.count))
            index.add(fingerprints, codes: generator.scenarioCodes(range, events: storedEvents.overlapping(range)))
        }
        let segments = plan.segments, events = plan.events
        // The workers use the key alone: a copy of the index would be copied whole by the
        // first insert below (copy on write), doubling the memory it takes.
        let key = index.key
        var retries: [Generator.Retry] = []
        try ParallelRunner.run(jobs: segments.count, threads: threads, makeWorker: { () throws(ParanomError) in () },
                               produce: { (_, i) throws(ParanomError) -> ([Int64], [UInt64]) in
            let overlapping = events.overlapping(segments[i])
            let codes = generator.scenarioCodes(segments[i], events: overlapping)
            return (codes, generator.candidateFingerprints(segments[i], codes: codes, events: overlapping, key: key))
        }, consume: { (i, candidates) throws(ParanomError) in
            var accepted = candidates.1
            retries += try index.resolve(start: segments[i].lowerBound, codes: candidates.0, events: events.overlapping(segments[i]),
                                         fingerprints: &accepted)
        })
        plan.retries = retries
        plan.duplicates = index.duplicates
    }

    /// The prefix of the temporary files this process writes: unique to it, so that two runs
    /// of one task (a task requeued on another machine, say) never write the same file, and
    /// hidden. A segment's temporary name is the prefix and its name, so it ends as that does.
    static var temporaryPrefix: String { ".\(SystemCall.hostName).\(getpid())." }

    /// Writes the plan's segments `indexes` into `directory` on `threads` threads: each is
    /// generated, encoded and written by a worker, under a temporary name; this thread syncs
    /// and renames each file as it arrives, so every file is whole and durable once it has its
    /// name (the caller syncs the directory). Returns their records, with the key fingerprints
    /// when the spec has uniqueness and the sequential states after each segment.
    static func writeSegments(_ plan: GrowPlan, _ indexes: Range<Int>, generator: Generator, into directory: String, threads: Int,
                              progress: (Int64) -> Void) throws(ParanomError) -> [SegmentRecord] {
        let spec = generator.spec
        let columns = Dataset.storedColumns(spec).map { SegmentFile.StoredColumn(id: $0.id, name: $0.name, decimals: $0.decimals) }
        let key = spec.uniqueness.map(generator.keyColumns)
        let level = spec.compressionLevel
        let sequentialIDs = generator.sequentialVariableIDs
        let temporary = "/" + temporaryPrefix
        var records: [SegmentRecord] = []
        var done: Int64 = 0
        try ParallelRunner.run(jobs: indexes.count, threads: threads, makeWorker: { () throws(ParanomError) in
            try ZstdCompressor(level: level)
        }, produce: { (compressor, job) throws(ParanomError) -> SegmentRecord in
            let index = indexes.lowerBound + job
            let range = plan.segments[index]
            let sequential = plan.sequentialStates.isEmpty ? [] : plan.sequentialStates[index]
            let block = generator.rows(range, events: plan.events.overlapping(range), retries: plan.retries(in: range),
                                       sequential: sequential)
            var (bytes, record) = try SegmentFile.build(block, columns: columns, compressor: compressor)
            record.fingerprints = key.map { generator.fingerprints(of: block, key: $0) }
            if !plan.sequentialStates.isEmpty {
                record.sequentialStates = Array(zip(sequentialIDs, plan.sequentialStates[index + 1]))
            }
            // Unsynced here so that generation never waits on the disk; the consumer syncs.
            try bytes.withRawBytes { (raw) throws(ParanomError) in
                try SystemCall.writeUnsynced(directory + temporary + record.file, raw)
            }
            return record
        }, consume: { (_, record) throws(ParanomError) in
            try SystemCall.syncFile(directory + temporary + record.file)
            try SystemCall.rename(directory + temporary + record.file, directory + "/" + record.file)
            records.append(record)
            done += Int64(record.count)
            progress(done)
        })
        return records
    }

    /// Removes files in `segments/` that no committed version names: what a failed or killed
    /// grow left behind. Called with the lock held.
    func removeUnnamedFiles() throws(ParanomError) {
        let named = Set(try manifest.database.query("SELECT file FROM segments") { $0.text(0) })
        for name in try SystemCall.listDirectory(segmentsPath) where !named.contains(name) {
            try SystemCall.unlink(segmentPath(name))
        }
    }
}
