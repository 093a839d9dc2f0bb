#if canImport(Glibc)
import Glibc
#endif

/// A part of one segment to read: the segment and the rows of it that are wanted.
struct SegmentPiece: Sendable {
    var segment: SegmentRecord
    var rows: Range<Int64>
}

/// Reads segment files, checking each against the manifest before decoding it.
///
/// Not `Sendable`: it owns a zstd context. Each worker thread makes its own.
final class SegmentReader {
    let segmentsPath: String
    private let decompressor: ZstdDecompressor

    init(segmentsPath: String) throws(ParanomError) {
        self.segmentsPath = segmentsPath
        decompressor = try ZstdDecompressor()
    }

    /// Reads a segment file whole and checks its size and checksum.
    func load(_ segment: SegmentRecord) throws(ParanomError) -> [UInt8] {
        let path = segmentsPath + "/" + segment.file
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            if case let .io(code, _, _) = error, code == ENOENT {
                throw .corruption(file: path, detail: "the segment file is missing")
            }
            throw error
        }
        try SegmentFile.check(bytes, record: segment, path: path)
        return bytes
    }

    /// Decodes the wanted columns of a loaded segment (by column id), for all its rows.
    func decode(_ bytes: [UInt8], _ segment: SegmentRecord, columns: [UInt32]) throws(ParanomError) -> [UInt32: DecodedColumn] {
        var result: [UInt32: DecodedColumn] = [:]
        let path = segmentsPath + "/" + segment.file
        for id in columns {
            guard let block = segment.blocks.first(where: { $0.column == id }) else {
                throw .corruption(file: path, detail: "the manifest names no block for column \(id)")
            }
            result[id] = try SegmentFile.readBlock(bytes, block, rows: segment.count, path: path, decompressor: decompressor)
        }
        return result
    }
}

extension Dataset {
    /// The pieces of segments that hold rows [range) of a version.
    func pieces(version: Int, rows range: Range<Int64>) throws(ParanomError) -> [SegmentPiece] {
        try segments(version: version).compactMap { segment in
            let from = max(segment.start, range.lowerBound), to = min(segment.end, range.upperBound)
            return from < to ? SegmentPiece(segment: segment, rows: from..<to) : nil
        }
    }

    /// Checks a requested row range against a version's size.
    func checkedRange(_ rows: Range<Int64>?, of version: VersionInfo) throws(ParanomError) -> Range<Int64> {
        guard let rows else { return 0..<version.rows }
        guard rows.lowerBound >= 0, rows.upperBound <= version.rows else {
            throw .invalidArgument("rows \(rows.lowerBound):\(rows.upperBound) are past the end of version \(version.version), which has \(version.rows) rows")
        }
        return rows
    }

    /// Reads and decodes rows [range) of a version (the latest when nil): every stored column.
    /// Meant for checks and tests; exports stream instead.
    public func readRows(_ range: Range<Int64>? = nil, version: Int? = nil) throws(ParanomError) -> RowBlock {
        let info = try resolve(version)
        let range = try checkedRange(range, of: info)
        let reader = try SegmentReader(segmentsPath: segmentsPath)
        let ids = spec.variables.map(\.id) + [Generator.scenarioColumn]
        // Accumulated per kind, so that each piece is appended in place (not copied again).
        var doubles = [[Double]](repeating: [], count: ids.count)
        var integers = [[Int64]](repeating: [], count: ids.count)
        let isDouble = spec.variables.map { $0.type == .float64 } + [false]
        for piece in try pieces(version: info.version, rows: range) {
            let bytes = try reader.load(piece.segment)
            let decoded = try reader.decode(bytes, piece.segment, columns: ids)
            let slice = Int(piece.rows.lowerBound - piece.segment.start)..<Int(piece.rows.upperBound - piece.segment.start)
            for (i, id) in ids.enumerated() {
                switch decoded[id]!.values {
                case let .double(part) where isDouble[i]: doubles[i] += part[slice]
                case let .integer(part) where !isDouble[i]: integers[i] += part[slice]
                default: throw .corruption(file: segmentPath(piece.segment.file), detail: "column \(id) has the wrong kind of block")
                }
            }
        }
        var columns = ids.indices.map { isDouble[$0] ? ColumnValues.double(doubles[$0]) : .integer(integers[$0]) }
        guard case let .integer(scenario) = columns.removeLast() else { fatalError("scenario column is integer") }
        return RowBlock(start: range.lowerBound, count: Int(range.count), columns: columns, scenario: scenario)
    }
}
