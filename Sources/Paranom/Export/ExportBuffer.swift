import Foundation

/// A fixed-capacity byte buffer that one chunk of an export is formatted into, then written
/// and reused, so a long export allocates (and page-faults) only its first few buffers.
///
/// A buffer has one owner at a time: the worker formatting into it, then the thread writing it,
/// then the pool.
// @unchecked Sendable: ownership passes between threads only through ParallelRunner's and the
// pool's locks, and nobody touches a buffer it does not own.
final class ExportBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes of text in the buffer.
    var count = 0
    /// Rows of the range the text covers (written or skipped), for progress.
    var rows: Int64 = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Buffers of one capacity to reuse; thread-safe.
    // @unchecked Sendable: `free` is read and written only while holding `lock`.
    final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [ExportBuffer] = []
        let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        /// A buffer from the pool, or a new one.
        func take() -> ExportBuffer {
            lock.lock()
            let buffer = free.popLast()
            lock.unlock()
            return buffer ?? ExportBuffer(capacity: capacity)
        }

        /// Gives a buffer back once its text is written.
        func give(_ buffer: ExportBuffer) {
            buffer.count = 0
            buffer.rows = 0
            lock.lock()
            free.append(buffer)
            lock.unlock()
        }
    }
}
