#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// The one thin layer every file-system call goes through.
///
/// Each call retries on `EINTR` and turns a failure into `ParanomError.io` carrying the
/// errno, the path and what was being done. Durable writes use `writeFileDurably`, which
/// is the only way Paranom creates a file whose contents must survive a crash.
public enum SystemCall {
    /// A readable name for an errno value, such as "No space left on device (ENOSPC)".
    public static func errorName(_ code: Int32) -> String {
        let text = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        let names: [Int32: String] = [
            ENOENT: "ENOENT", EACCES: "EACCES", EEXIST: "EEXIST", ENOSPC: "ENOSPC", EIO: "EIO",
            ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EROFS: "EROFS", EFBIG: "EFBIG", ELOOP: "ELOOP",
            EPERM: "EPERM", EDQUOT: "EDQUOT", ENAMETOOLONG: "ENAMETOOLONG", EXDEV: "EXDEV",
        ]
        return names[code].map { "\(text) (\($0))" } ?? text
    }

    /// A test seam: called before every system call made through `retrying` (every open,
    /// read, write, fsync, rename and removal), with the operation's name and the path.
    /// Returning an errno fails the call with it, as if the system had; nil lets it run. A
    /// hook may also stop or kill the process there, to test crashes. Tests install one
    /// around a grow (`SystemCall.fault = { op, path in ... }`) and filter by path, since
    /// tests share the process. Thread-safe; nil (the default) costs one lock per call.
    public typealias Fault = @Sendable (_ operation: String, _ path: String) -> Int32?

    public static var fault: Fault? {
        get { faultHook.withLock { $0 } }
        set { faultHook.withLock { $0 = newValue } }
    }

    private static let faultHook = Mutex<Fault?>(nil)

    @discardableResult
    static func retrying(_ operation: String, _ path: String, _ call: () -> Int32) throws(ParanomError) -> Int32 {
        if let hook = fault, let code = hook(operation, path) {
            throw .io(errno: code, path: path, operation: operation)
        }
        while true {
            let result = call()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw .io(errno: code, path: path, operation: operation)
        }
    }

    /// Opens a file, returning its descriptor.
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(ParanomError) -> Int32 {
        try retrying("open", path) { Glibc.open(path, flags | O_CLOEXEC, mode) }
    }

    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes all of `bytes` at the descriptor's position.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ParanomError) {
        var offset = 0
        while offset < bytes.count {
            let n = try retrying("write", path) {
                Int32(truncatingIfNeeded: Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset))
            }
            if n == 0 { throw .io(errno: EIO, path: path, operation: "write") }
            offset += Int(n)
        }
    }

    public static func fsync(_ fd: Int32, path: String) throws(ParanomError) {
        try retrying("fsync", path) { Glibc.fsync(fd) }
    }

    /// Reads a whole file into memory.
    public static func readFile(_ path: String) throws(ParanomError) -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        var info = stat()
        try retrying("stat", path) { fstat(fd, &info) }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let n = try bytes.withMutableRawBytes { (buffer) throws(ParanomError) -> Int32 in
                try retrying("read", path) {
                    Int32(truncatingIfNeeded: Glibc.read(fd, buffer.baseAddress! + offset, size - offset))
                }
            }
            if n == 0 { break }
            offset += Int(n)
        }
        if offset < size { bytes.removeLast(size - offset) }
        return bytes
    }

    /// Reads `count` bytes at `offset` of an open file; fewer at the end of the file.
    public static func read(_ fd: Int32, offset: Int, count: Int, path: String) throws(ParanomError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = try bytes.withMutableRawBytes { (buffer) throws(ParanomError) -> Int32 in
                try retrying("read", path) {
                    Int32(truncatingIfNeeded: pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done)))
                }
            }
            if n == 0 { break }
            done += Int(n)
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    /// Writes a file so that it survives a crash: a temporary name (`path.tmp` unless given),
    /// write, fsync, rename, and (unless the caller syncs it once for many files) fsync of the
    /// directory. Either the old state or the complete new file is visible under `path`, never
    /// a part.
    public static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer, syncDirectory sync: Bool = true,
                                 temporary: String? = nil) throws(ParanomError) {
        let directory = parentDirectory(of: path)
        let temporary = temporary ?? path + ".tmp"
        let fd = try open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try writeAll(fd, bytes, path: temporary)
            try fsync(fd, path: temporary)
        } catch {
            close(fd)
            _ = Glibc.unlink(temporary)
            throw error
        }
        close(fd)
        try rename(temporary, path)
        if sync { try syncDirectory(directory) }
    }

    /// Writes a whole file without syncing it; pair with `syncFile` before relying on it.
    public static func writeUnsynced(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(ParanomError) {
        let fd = try open(path, O_WRONLY | O_CREAT | O_TRUNC)
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    /// Flushes a file's contents to stable storage.
    public static func syncFile(_ path: String) throws(ParanomError) {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    public static func rename(_ from: String, _ to: String) throws(ParanomError) {
        try retrying("rename", from) { Glibc.rename(from, to) }
    }

    public static func syncDirectory(_ path: String) throws(ParanomError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    public static func makeDirectory(_ path: String) throws(ParanomError) {
        try retrying("create directory", path) { mkdir(path, 0o755) }
    }

    public static func unlink(_ path: String) throws(ParanomError) {
        try retrying("remove", path) { Glibc.unlink(path) }
    }

    public static func removeDirectory(_ path: String) throws(ParanomError) {
        try retrying("remove directory", path) { rmdir(path) }
    }

    /// The kind of thing at a path, without following a final symbolic link's target kind errors.
    public enum Kind { case missing, file, directory, other }

    public static func kind(_ path: String) throws(ParanomError) -> Kind {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return .missing }
            throw .io(errno: errno, path: path, operation: "stat")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public static func fileSize(_ path: String) throws(ParanomError) -> Int64 {
        var info = stat()
        try retrying("stat", path) { stat(path, &info) }
        return Int64(info.st_size)
    }

    /// The names in a directory, without "." and "..".
    public static func listDirectory(_ path: String) throws(ParanomError) -> [String] {
        guard let dir = opendir(path) else { throw .io(errno: errno, path: path, operation: "list") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Takes an exclusive advisory lock on a file; returns its descriptor, or nil when another
    /// process holds it and `wait` is false. The lock ends when the descriptor is closed.
    public static func lockFile(_ path: String, wait: Bool) throws(ParanomError) -> Int32? {
        let fd = try open(path, O_RDWR | O_CREAT)
        while true {
            if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0 { return fd }
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw .io(errno: code, path: path, operation: "lock")
        }
    }

    /// This machine's host name, for names that must differ between machines sharing a
    /// directory ("localhost" if it has none).
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0, buffer[0] != 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The directory part of a path: "." for a bare name, "/" for a name at the root.
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `ParanomError` (the standard one rethrows untyped).
    public func withRawBytes<T>(_ body: (UnsafeRawBufferPointer) throws(ParanomError) -> T) throws(ParanomError) -> T {
        var result: Result<T, ParanomError>?
        withUnsafeBytes { raw in result = Result { () throws(ParanomError) in try body(raw) } }
        return try result!.get()
    }

    public mutating func withMutableRawBytes<T>(_ body: (UnsafeMutableRawBufferPointer) throws(ParanomError) -> T) throws(ParanomError) -> T {
        var result: Result<T, ParanomError>?
        withUnsafeMutableBytes { raw in result = Result { () throws(ParanomError) in try body(raw) } }
        return try result!.get()
    }
}
