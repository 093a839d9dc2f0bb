#if canImport(Glibc)
import Glibc
#endif

extension SystemCall {
    /// Asks the kernel to start writing `length` bytes of `fd` from `offset` to the disk now,
    /// without waiting, so that a later `fsync` of a long file written in order has little
    /// left to do. Advice only: failures are ignored (some file systems do not take it).
    ///
    /// On Linux, `POSIX_FADV_DONTNEED` starts the writeback of the range's dirty pages and drops
    /// its clean ones from the page cache, which a large export does not need again.
    public static func startWriteback(_ fd: Int32, offset: Int64, length: Int64) {
        _ = posix_fadvise(fd, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
    }
}
