import CZstd

/// A zstd compression context, used by one thread (each worker owns its own).
///
/// Every frame carries its content size and zstd's content checksum, so a damaged block is
/// caught at decompression.
final class ZstdCompressor {
    private let context: OpaquePointer
    let level: Int32

    init(level: Int) throws(ParanomError) {
        guard let context = ZSTD_createCCtx() else { throw .invalidArgument("zstd: out of memory") }
        self.context = context
        self.level = Int32(level)
        try zstdCheck(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, self.level), "set compression level")
        try zstdCheck(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1), "enable checksums")
        try zstdCheck(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1), "enable content size")
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    /// The most bytes a frame of `size` bytes of content can take.
    static func bound(_ size: Int) -> Int { ZSTD_compressBound(size) }

    /// Compresses `source` as one frame into `destination`, which holds at least
    /// `bound(source.count)` bytes; returns the frame's size.
    func compress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer) throws(ParanomError) -> Int {
        let written = ZSTD_compress2(context, destination, ZstdCompressor.bound(source.count), source.baseAddress, source.count)
        try zstdCheck(written, "compress")
        return written
    }
}

/// A zstd decompression context, used by one thread.
final class ZstdDecompressor {
    private let context: OpaquePointer

    init() throws(ParanomError) {
        guard let context = ZSTD_createDCtx() else { throw .invalidArgument("zstd: out of memory") }
        self.context = context
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    /// Decompresses one whole frame that must hold exactly `expectedSize` bytes.
    /// Throws a `corruption` error naming `file` for a damaged frame or a wrong size.
    func decompress(_ frame: UnsafeRawBufferPointer, expectedSize: Int, file: String, what: String) throws(ParanomError) -> [UInt8] {
        let declared = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
        guard declared == UInt64(expectedSize) else {
            throw .corruption(file: file, detail: "\(what): the compressed frame is damaged (its size header does not match)")
        }
        var output = [UInt8](repeating: 0, count: expectedSize)
        let written = output.withUnsafeMutableBytes { buffer in
            ZSTD_decompressDCtx(context, buffer.baseAddress, expectedSize, frame.baseAddress, frame.count)
        }
        if ZSTD_isError(written) != 0 {
            let name = String(cString: ZSTD_getErrorName(written))
            throw .corruption(file: file, detail: "\(what): \(name)")
        }
        guard written == expectedSize else {
            throw .corruption(file: file, detail: "\(what): decompressed to \(written) bytes, expected \(expectedSize)")
        }
        return output
    }
}

private func zstdCheck(_ code: Int, _ operation: String) throws(ParanomError) {
    if ZSTD_isError(code) != 0 {
        throw .invalidArgument("zstd \(operation) failed: \(String(cString: ZSTD_getErrorName(code)))")
    }
}
