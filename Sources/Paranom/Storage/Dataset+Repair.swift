#if canImport(Glibc)
import Glibc
#endif

/// What `repair` removed.
public struct RepairSummary: Sendable {
    /// The files removed from `segments/`, by name.
    public var removed: [String]
    /// Their total size.
    public var bytes: Int64
}

extension Dataset {
    var lockPath: String { path + "/" + Dataset.lockName }

    /// Takes the dataset's write lock and returns its descriptor; closing it releases the lock.
    ///
    /// When another process holds it, throws `busy` at once, or with `wait` calls `onWait`
    /// once and blocks until the lock is free.
    func takeWriteLock(wait: Bool, onWait: (() -> Void)? = nil) throws(ParanomError) -> Int32 {
        // A few quick retries: a process that forks (to start another program) holds a copy of
        // every descriptor until it execs, so a lock just released may look held for a moment.
        for attempt in 0..<20 {
            if let fd = try SystemCall.lockFile(lockPath, wait: false) { return fd }
            if attempt < 19 { usleep(10_000) }
        }
        guard wait else { throw .busy(path: path) }
        onWait?()
        guard let fd = try SystemCall.lockFile(lockPath, wait: true) else { throw .busy(path: path) }
        return fd
    }

    /// The files in `segments/` that no committed version names, sorted by name.
    func unnamedFiles() throws(ParanomError) -> [String] {
        let named = try manifest.namedFiles()
        return try SystemCall.listDirectory(segmentsPath).filter { !named.contains($0) }
    }

    /// Removes the files in `segments/` that no committed version names: what an interrupted
    /// grow leaves (the next grow removes them too). Takes the write lock, so it never removes
    /// the files of a running grow: throws `busy` while one runs, or waits with `wait`.
    /// Refuses (with `corruption`) when the manifest fails its integrity check, since a
    /// damaged manifest may not name every file it should.
    ///
    /// It does not mend damaged data: `verify` reports that.
    public func repair(wait: Bool = false, onWait: (() -> Void)? = nil) throws(ParanomError) -> RepairSummary {
        let lock = try takeWriteLock(wait: wait, onWait: onWait)
        defer { SystemCall.close(lock) }
        let problems = try manifest.integrityProblems()
        guard problems.isEmpty else {
            throw .corruption(file: manifestPath, detail: "the integrity check fails (\(problems.prefix(3).joined(separator: "; "))); nothing was removed")
        }
        var summary = RepairSummary(removed: [], bytes: 0)
        for name in try unnamedFiles() {
            let file = segmentPath(name)
            let size = (try? SystemCall.fileSize(file)) ?? 0
            try SystemCall.unlink(file)
            summary.removed.append(name)
            summary.bytes += size
        }
        if !summary.removed.isEmpty { try SystemCall.syncDirectory(segmentsPath) }
        return summary
    }
}
