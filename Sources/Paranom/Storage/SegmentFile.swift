/// Where one column's block sits in a segment file, and how to decode it.
struct BlockRecord: Sendable {
    var column: UInt32
    var offset: Int
    var length: Int
    var rawLength: Int
    var layout: BlockLayout
    var minimum: SQLValue
    var maximum: SQLValue
}

/// What the manifest records of one segment file.
struct SegmentRecord: Sendable {
    var start: Int64
    var count: Int
    /// The file name inside the dataset's `segments/` directory.
    var file: String
    var bytes: Int64
    /// XXH64 of the whole file.
    var checksum: UInt64
    var digest: Digest
    var anomalousRows: Int64
    var blocks: [BlockRecord]
    /// Each row's uniqueness key fingerprint, when the spec has uniqueness.
    var fingerprints: [UInt64]? = nil
    /// Each sequential variable's state after the segment's last row, by variable id.
    var sequentialStates: [(variable: UInt32, state: SequentialState)] = []

    var end: Int64 { start + Int64(count) }
}

/// An immutable segment file: a header, one zstd frame per stored column, a JSON footer that
/// makes the file self-describing, and a trailer (FORMAT.md, "Segment files").
enum SegmentFile {
    static let headerMagic = Array("PNMSEG01".utf8)
    static let trailerMagic = Array("PNMEND01".utf8)
    static let formatVersion = 1

    /// The file name of the segment holding rows [start, start + count).
    static func name(start: Int64, count: Int) -> String {
        let digits = String(start)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "-" + String(count) + ".seg"
    }

    /// A stored column: its id and, for rounded float64 variables, its decimals.
    struct StoredColumn: Sendable {
        var id: UInt32
        var name: String
        var decimals: Int?
    }

    /// Encodes and compresses a block of rows into the bytes of a segment file.
    static func build(_ block: RowBlock, columns: [StoredColumn], compressor: ZstdCompressor) throws(ParanomError) -> ([UInt8], SegmentRecord) {
        let values = block.columns + [.integer(block.scenario)]
        var digest = Digest.zero
        var encoded: [EncodedColumn] = []
        for (column, columnValues) in zip(columns, values) {
            digest = digest + Digest.of(column: column.id, start: block.start, values: columnValues)
            encoded.append(ColumnEncoding.encode(columnValues, decimals: column.decimals))
        }
        // One allocation for the header and every frame, filled in place, with room for the
        // footer and trailer (about 200 bytes a column), so that appending them copies nothing.
        let footerRoom = 1024 + 512 * columns.count
        let capacity = headerMagic.count + encoded.reduce(0) { $0 + ZstdCompressor.bound($1.bytes.count) } + footerRoom
        var blocks: [BlockRecord] = []
        var failure: ParanomError?
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            headerMagic.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            var offset = headerMagic.count
            for (column, columnEncoded) in zip(columns, encoded) {
                do throws(ParanomError) {
                    let length = try columnEncoded.bytes.withRawBytes { (raw) throws(ParanomError) in
                        try compressor.compress(raw, into: base + offset)
                    }
                    blocks.append(BlockRecord(column: column.id, offset: offset, length: length, rawLength: columnEncoded.bytes.count,
                                              layout: columnEncoded.layout, minimum: columnEncoded.minimum, maximum: columnEncoded.maximum))
                    offset += length
                } catch {
                    failure = error
                    break
                }
            }
            initialized = offset
        }
        if let failure { throw failure }
        let footer = Array(footerJSON(start: block.start, count: block.count, columns: columns, blocks: blocks).serialized.utf8)
        bytes += footer
        withUnsafeBytes(of: UInt64(footer.count).littleEndian) { bytes += $0 }
        bytes += trailerMagic
        let checksum = bytes.withUnsafeBytes { XXH64.hash($0) }
        let anomalous = Int64(block.scenario.reduce(0) { $0 + ($1 == 0 ? 0 : 1) })
        let record = SegmentRecord(start: block.start, count: block.count, file: name(start: block.start, count: block.count),
                                   bytes: Int64(bytes.count), checksum: checksum, digest: digest, anomalousRows: anomalous, blocks: blocks)
        return (bytes, record)
    }

    static func footerJSON(start: Int64, count: Int, columns: [StoredColumn], blocks: [BlockRecord]) -> JSONValue {
        func int<T: BinaryInteger>(_ v: T) -> JSONValue { .number(String(v)) }
        let entries: [JSONValue] = zip(columns, blocks).map { column, block in
            var members = [
                JSONMember("column", int(block.column)), JSONMember("name", .string(column.name)),
                JSONMember("offset", int(block.offset)), JSONMember("length", int(block.length)),
                JSONMember("rawLength", int(block.rawLength)), JSONMember("encoding", .string(block.layout.kind.rawValue)),
                JSONMember("width", int(block.layout.width)), JSONMember("base", int(block.layout.base)),
                JSONMember("reference", int(block.layout.reference)),
            ]
            if let decimals = block.layout.decimals { members.append(JSONMember("decimals", int(decimals))) }
            return .object(members)
        }
        return .object([
            JSONMember("format", int(formatVersion)), JSONMember("rowStart", int(start)),
            JSONMember("rowCount", int(count)), JSONMember("blocks", .array(entries)),
        ])
    }

    /// Checks a whole segment file against its record (`recordedBy` names where the record
    /// is kept): size, checksum, framing.
    static func check(_ bytes: [UInt8], record: SegmentRecord, path: String, recordedBy: String = "the manifest") throws(ParanomError) {
        guard Int64(bytes.count) == record.bytes else {
            throw .corruption(file: path, detail: "the file is \(bytes.count) bytes, \(recordedBy) says \(record.bytes)")
        }
        let checksum = bytes.withUnsafeBytes { XXH64.hash($0) }
        guard checksum == record.checksum else {
            throw .corruption(file: path, detail: "checksum mismatch (the file's contents changed after it was written)")
        }
        guard bytes.count >= 24, Array(bytes.prefix(8)) == headerMagic, Array(bytes.suffix(8)) == trailerMagic else {
            throw .corruption(file: path, detail: "not a Paranom segment file (bad header or trailer)")
        }
    }

    /// Decompresses and decodes one block of a checked segment file.
    static func readBlock(_ bytes: [UInt8], _ block: BlockRecord, rows: Int, path: String,
                          decompressor: ZstdDecompressor) throws(ParanomError) -> DecodedColumn {
        guard block.offset >= 8, block.length > 0, block.offset + block.length <= bytes.count - 16,
              block.rawLength == rows * block.layout.width else {
            throw .corruption(file: path, detail: "block of column \(block.column) lies outside the file or has the wrong size")
        }
        let raw = try bytes.withRawBytes { (buffer) throws(ParanomError) in
            try decompressor.decompress(UnsafeRawBufferPointer(rebasing: buffer[block.offset..<(block.offset + block.length)]),
                                        expectedSize: block.rawLength, file: path, what: "block of column \(block.column)")
        }
        return ColumnEncoding.decode(raw, count: rows, layout: block.layout)
    }
}

extension ColumnValues {
    /// Calls `body` with the values as 64-bit patterns (the digest's view), without copying.
    func withBitPatterns<T>(_ body: (UnsafeBufferPointer<UInt64>) -> T) -> T {
        switch self {
        case let .double(v):
            return v.withUnsafeBufferPointer { $0.withMemoryRebound(to: UInt64.self, body) }
        case let .integer(v):
            return v.withUnsafeBufferPointer { $0.withMemoryRebound(to: UInt64.self, body) }
        }
    }
}
