#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension SystemCall {
    /// How a file was placed by `linkOrCopy`.
    public enum Placement: Sendable, Equatable { case linked, copied }

    /// Makes `to` name the same file as `from` (a hard link); where the file systems or the
    /// file system do not allow that, copies it instead and fsyncs the copy. `to` must not
    /// exist. The caller fsyncs `to`'s directory.
    ///
    /// Only for immutable files: a linked file is shared, so writing to either name would
    /// change both.
    @discardableResult
    public static func linkOrCopy(_ from: String, _ to: String) throws(ParanomError) -> Placement {
        do {
            try retrying("link", to) { Glibc.link(from, to) }
            return .linked
        } catch {
            // EXDEV: another file system; EPERM, EMLINK, ENOTSUP: links not allowed or full.
            guard case let .io(code, _, _) = error, [EXDEV, EPERM, EMLINK, ENOTSUP].contains(code) else { throw error }
        }
        try copyFile(from, to)
        return .copied
    }

    /// Copies a file's bytes to a new file `to` (which must not exist) and fsyncs it; a copy
    /// that fails is removed.
    public static func copyFile(_ from: String, _ to: String) throws(ParanomError) {
        let source = try open(from, O_RDONLY)
        defer { close(source) }
        let target = try open(to, O_WRONLY | O_CREAT | O_EXCL)
        do {
            var offset = 0
            while true {
                let chunk = try read(source, offset: offset, count: 1 << 20, path: from)
                if chunk.isEmpty { break }
                try chunk.withRawBytes { (raw) throws(ParanomError) in try writeAll(target, raw, path: to) }
                offset += chunk.count
            }
            try fsync(target, path: to)
            close(target)
        } catch {
            close(target)
            _ = Glibc.unlink(to)
            throw error
        }
    }

    /// The absolute path of an existing file or directory, with every symbolic link resolved.
    public static func realPath(_ path: String) throws(ParanomError) -> String {
        guard let resolved = Glibc.realpath(path, nil) else { throw .io(errno: errno, path: path, operation: "resolve") }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The identity of a file: its device and inode, so that tests can tell a link from a copy.
    public static func fileIdentity(_ path: String) throws(ParanomError) -> (device: UInt64, inode: UInt64) {
        var info = stat()
        try retrying("stat", path) { stat(path, &info) }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }
}
