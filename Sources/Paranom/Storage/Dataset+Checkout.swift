#if canImport(Glibc)
import Glibc
#endif

/// What a checkout made.
public struct CheckoutSummary: Sendable {
    /// The new dataset's path.
    public var path: String
    /// The new dataset's latest version: exactly the rows asked for.
    public var version: VersionInfo
    /// Segment files shared with the source as hard links.
    public var linked: Int
    /// Segment files copied, where a link was not possible (another file system).
    public var copied: Int
    /// The segment the cut fell in, rewritten to end at the cut; nil when the cut falls
    /// between segments.
    public var rewritten: String?
}

extension Dataset {
    /// Writes a standalone dataset at `destination` that holds rows [0, rows) of this one,
    /// with this dataset's versions up to the cut.
    ///
    /// Whole segments are hard-linked (copied when `destination` is on another file system)
    /// and checked by size only; the one segment the cut falls in is read, checked and
    /// rewritten to end at the cut, so the cost depends on the number of segments, not of
    /// rows. A cut inside a version ends the new dataset with a version of exactly `rows`
    /// rows, numbered like the version it cuts. The new dataset grows like this one: grown to
    /// a size this one has, it has the same rows and digest. It appears whole or not at all
    /// (built under a temporary name beside it, then renamed). Runs as a reader: it sees the
    /// last committed version even while a grow runs.
    ///
    /// Throws `invalidArgument` when `destination` exists or `rows` is more than the dataset
    /// has, `corruption` for a missing or damaged segment.
    ///
    /// ```swift
    /// let small = try Dataset.open(at: "valve.pnm", readOnly: true).checkout(rows: 100_000, to: "small.pnm")
    /// ```
    @discardableResult
    public func checkout(rows: Int64, to destination: String) throws(ParanomError) -> CheckoutSummary {
        let started = Timestamp.monotonic()
        guard rows >= 0 else { throw .invalidArgument("cannot check out \(rows) rows") }
        let destination = try Dataset.normalize(destination)
        guard try SystemCall.kind(destination) == .missing else {
            throw .invalidArgument("\(destination) already exists; choose a new path for the checkout (or remove it first)")
        }
        let parent = SystemCall.parentDirectory(of: destination)
        guard try SystemCall.kind(parent) == .directory else {
            throw .notFound("the directory \(parent) does not exist; create it first")
        }
        // Inside the source, a grow or repair there would take the new dataset for leftovers.
        let source = try SystemCall.realPath(path), target = try SystemCall.realPath(parent)
        guard target != source && !target.hasPrefix(source + "/") else {
            throw .invalidArgument("\(destination) is inside \(path); check out to a path outside the dataset")
        }
        let staging = destination + ".creating-\(getpid())"
        try SystemCall.makeDirectory(staging)
        do {
            try SystemCall.makeDirectory(staging + "/" + Dataset.segmentsName)
            var summary = try writeCheckout(rows: rows, into: staging, started: started)
            try SystemCall.syncFile(staging + "/" + Dataset.manifestName)
            try SystemCall.syncDirectory(staging + "/" + Dataset.segmentsName)
            try SystemCall.syncDirectory(staging)
            try SystemCall.rename(staging, destination)
            summary.path = destination
            try SystemCall.syncDirectory(parent)
            return summary
        } catch {
            removeTree(staging)
            throw error
        }
    }

    /// Writes a standalone dataset holding the rows of `version` (see `checkout(rows:to:)`).
    @discardableResult
    public func checkout(version: Int, to destination: String) throws(ParanomError) -> CheckoutSummary {
        try checkout(rows: try self.version(version).rows, to: destination)
    }

    /// The sequential variables' states after `rows` (which start where a stored segment
    /// ends, or at row 0), by running each from the stored state: what a grow to
    /// `rows.upperBound` would store with its last segment.
    private func sequentialStates(after rows: Range<Int64>, version: Int) throws(ParanomError) -> [(variable: UInt32, state: SequentialState)] {
        let ids = generator.sequentialVariableIDs
        guard !ids.isEmpty else { return [] }
        try generator.requireInputs()
        let stored = rows.lowerBound == 0 ? [:] : try manifest.sequentialStates(endingAt: rows.lowerBound, upTo: version)
        let events = try manifest.events(scenarioNames: spec.scenarioNames)
        return try ids.enumerated().map { (j, id) throws(ParanomError) in
            let start: SequentialState
            if rows.lowerBound == 0 {
                start = try generator.initialSequentialState(j)
            } else if let state = stored[id] {
                start = state
            } else {
                throw .corruption(file: manifestPath, detail: "no sequential state of variable \(id) is stored with the segment ending at row \(rows.lowerBound)")
            }
            return (id, try generator.advance(j, from: start, through: [rows], events: events).last!)
        }
    }

    /// Fills the staging directory: the manifest cut at `rows` and the segment files. The
    /// manifest's connection is closed when this returns.
    private func writeCheckout(rows: Int64, into staging: String, started: Double) throws(ParanomError) -> CheckoutSummary {
        let manifestPath = staging + "/" + Dataset.manifestName
        // A consistent snapshot of the source; everything below reads the copy, not the source.
        try manifest.copy(to: manifestPath)
        let database = try Database(path: manifestPath)
        try database.execute("PRAGMA journal_mode=WAL")
        try database.execute("PRAGMA synchronous=FULL")
        let target = Manifest(database: database)
        let versions = try target.versions()
        guard let last = versions.last else { throw .corruption(file: self.manifestPath, detail: "the manifest has no versions") }
        guard rows <= last.rows else {
            throw .invalidArgument("\(path) has \(last.rows) rows (version \(last.version)); it cannot check out \(rows)")
        }
        let segments = try target.segments(upTo: last.version)
        let kept = segments.filter { $0.end <= rows }
        var linked = 0, copied = 0
        // The replay files a grow of the copy needs come along.
        let replay = path + "/" + Dataset.replayName
        if try SystemCall.kind(replay) == .directory {
            try SystemCall.makeDirectory(staging + "/" + Dataset.replayName)
            for name in try SystemCall.listDirectory(replay) {
                _ = try SystemCall.linkOrCopy(replay + "/" + name, staging + "/" + Dataset.replayName + "/" + name)
            }
        }
        for segment in kept {
            let source = segmentPath(segment.file)
            // A name from a damaged manifest must not place a link outside the new dataset.
            guard !segment.file.isEmpty, !segment.file.contains("/"), segment.file != ".", segment.file != ".." else {
                throw .corruption(file: self.manifestPath, detail: "segment \"\(segment.file)\" has a file name that is not a plain name in segments/")
            }
            let size: Int64
            do {
                size = try SystemCall.fileSize(source)
            } catch {
                if case let .io(code, _, _) = error, code == ENOENT { throw .corruption(file: source, detail: "the segment file is missing") }
                throw error
            }
            guard size == segment.bytes else {
                throw .corruption(file: source, detail: "the file is \(size) bytes, the manifest says \(segment.bytes)")
            }
            switch try SystemCall.linkOrCopy(source, staging + "/" + Dataset.segmentsName + "/" + segment.file) {
            case .linked: linked += 1
            case .copied: copied += 1
            }
        }
        var rewritten: SegmentRecord?
        if let cut = segments.first(where: { $0.start < rows && $0.end > rows }) {
            // Its bytes are those a grow to `rows` would write: a segment is a function of its rows.
            let block = try readRows(cut.start..<rows, version: last.version)
            let columns = Dataset.storedColumns(spec).map { SegmentFile.StoredColumn(id: $0.id, name: $0.name, decimals: $0.decimals) }
            var (bytes, record) = try SegmentFile.build(block, columns: columns, compressor: try ZstdCompressor(level: spec.compressionLevel))
            record.fingerprints = try manifest.fingerprints(ofSegmentAt: cut.start).map { Array($0.prefix(block.count)) }
            record.sequentialStates = try sequentialStates(after: cut.start..<rows, version: last.version)
            try bytes.withRawBytes { (raw) throws(ParanomError) in
                try SystemCall.writeFile(staging + "/" + Dataset.segmentsName + "/" + record.file, raw, syncDirectory: false)
            }
            rewritten = record
        }
        guard var latest = versions.last(where: { $0.rows <= rows }) else {
            throw .corruption(file: self.manifestPath, detail: "version 0 has rows; it must be empty")
        }
        try target.cut(above: rows)
        if let inside = versions.first(where: { $0.rows > rows }), latest.rows < rows {
            // The cut falls inside version `inside`: recommit it with exactly `rows` rows, as the
            // grow from the previous version to `rows` would have.
            let all = kept + (rewritten.map { [$0] } ?? [])
            let note = "checkout: version \(inside.version) cut to \(rows) of its \(inside.rows) rows"
            latest = VersionInfo(
                version: inside.version, rows: rows, createdAt: Timestamp.now(),
                durationMilliseconds: Int64((Timestamp.monotonic() - started) * 1000),
                digest: all.reduce(.zero) { $0 + $1.digest }, message: inside.message.isEmpty ? note : note + ": " + inside.message,
                anomalousRows: all.reduce(0) { $0 + $1.anomalousRows },
                events: Int64(try target.events(scenarioNames: spec.scenarioNames).count),
                bytes: all.reduce(0) { $0 + $1.bytes })
            try target.commit(version: latest, segments: rewritten.map { [$0] } ?? [], events: [], scenarioNames: spec.scenarioNames)
        }
        return CheckoutSummary(path: staging, version: latest, linked: linked, copied: copied, rewritten: rewritten?.file)
    }
}
