#if canImport(Glibc)
import Glibc
#endif

/// What a grow reports as it goes.
public struct GrowProgress: Sendable {
    public var rowsDone: Int64
    public var rowsTotal: Int64
    public var seconds: Double
}

/// The plan of a grow from N to M rows: everything that depends on earlier rows, computed in
/// order before any task runs (DESIGN §3). Each task is then a pure function of the spec,
/// the seed, the plan and the task's segment.
struct GrowPlan: Sendable {
    var baseVersion: VersionInfo
    var toRows: Int64
    /// Every event that overlaps the new rows, plus those newly scheduled, in order.
    var events: [AnomalyEvent]
    /// The events not yet in the manifest.
    var newEvents: [AnomalyEvent]
    /// The new segments, in row order.
    var segments: [Range<Int64>]
    /// Events that start before `toRows`, committed and new.
    var eventCount: Int64

    var fromRows: Int64 { baseVersion.rows }
}

extension Dataset {
    /// Grows the dataset to `rows` rows, committing one new version; returns nil when it
    /// already has that many rows.
    ///
    /// New segments are generated on `threads` threads and written before the commit; a grow
    /// that fails or is killed leaves the dataset at its previous version. Throws `busy` when
    /// another process is growing the dataset (with `wait`, calls `onWait` and waits for it
    /// instead), `invalidArgument` when `rows` is below its size.
    @discardableResult
    public func grow(to rows: Int64, threads: Int = defaultThreads, message: String = "",
                     wait: Bool = false, onWait: (() -> Void)? = nil,
                     progress: ((GrowProgress) -> Void)? = nil) throws(ParanomError) -> VersionInfo? {
        let lock = try takeWriteLock(wait: wait, onWait: onWait)
        defer { SystemCall.close(lock) }
        let started = Timestamp.monotonic()
        let plan = try makePlan(to: rows)
        guard !plan.segments.isEmpty else { return nil }
        try removeUnnamedFiles()
        // A grow that fails removes the files it wrote: the next grow would, but a full disk
        // needs the space now. Only unnamed files go, so a commit that did happen is safe.
        var committed = false
        defer { if !committed { try? removeUnnamedFiles() } }
        let written = try runTasks(plan, threads: threads) { done in
            progress?(GrowProgress(rowsDone: done, rowsTotal: rows - plan.fromRows, seconds: Timestamp.monotonic() - started))
        }
        try SystemCall.syncDirectory(segmentsPath)
        let base = plan.baseVersion
        let version = VersionInfo(
            version: base.version + 1, rows: rows, createdAt: Timestamp.now(),
            durationMilliseconds: Int64((Timestamp.monotonic() - started) * 1000),
            digest: written.reduce(base.digest) { $0 + $1.digest }, message: message,
            anomalousRows: written.reduce(base.anomalousRows) { $0 + $1.anomalousRows },
            events: plan.eventCount,
            bytes: written.reduce(base.bytes) { $0 + $1.bytes })
        try manifest.commit(version: version, segments: written, events: plan.newEvents, scenarioNames: spec.scenarioNames)
        committed = true
        return version
    }

    /// The number of threads a grow uses when none is given: all cores.
    public static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    func makePlan(to rows: Int64) throws(ParanomError) -> GrowPlan {
        let base = try currentVersion()
        guard rows >= base.rows else {
            throw .invalidArgument("\(path) already has \(base.rows) rows, more than \(rows); a dataset only grows (to get fewer rows, check out a smaller version with paranom checkout)")
        }
        let stored = try manifest.events(scenarioNames: spec.scenarioNames)
        let newEvents = generator.events(after: stored.last, before: rows)
        let events = stored.filter { $0.end > base.rows } + newEvents
        let size = Int64(spec.segmentRows)
        var segments: [Range<Int64>] = []
        var start = base.rows
        while start < rows {
            let end = min(rows, (start / size + 1) * size)
            segments.append(start..<end)
            start = end
        }
        return GrowPlan(baseVersion: base, toRows: rows, events: events, newEvents: newEvents, segments: segments,
                        eventCount: Int64(stored.count + newEvents.count))
    }

    /// Runs the plan's tasks on worker threads: each generates, encodes and writes one segment;
    /// this thread syncs each file as it arrives, so every file is durable before the commit.
    func runTasks(_ plan: GrowPlan, threads: Int, progress: (Int64) -> Void) throws(ParanomError) -> [SegmentRecord] {
        let generator = self.generator
        let columns = Dataset.storedColumns(spec).map { SegmentFile.StoredColumn(id: $0.id, name: $0.name, decimals: $0.decimals) }
        let level = spec.compressionLevel
        let directory = segmentsPath
        var records: [SegmentRecord] = []
        var done: Int64 = 0
        try ParallelRunner.run(jobs: plan.segments.count, threads: threads, makeWorker: { () throws(ParanomError) in
            try ZstdCompressor(level: level)
        }, produce: { (compressor, index) throws(ParanomError) -> SegmentRecord in
            let range = plan.segments[index]
            let block = generator.rows(range, events: plan.events.overlapping(range))
            let (bytes, record) = try SegmentFile.build(block, columns: columns, compressor: compressor)
            // Unsynced here so that generation never waits on the disk; the consumer syncs.
            try bytes.withRawBytes { (raw) throws(ParanomError) in try SystemCall.writeUnsynced(directory + "/" + record.file, raw) }
            return record
        }, consume: { (_, record) throws(ParanomError) in
            try SystemCall.syncFile(directory + "/" + record.file)
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
