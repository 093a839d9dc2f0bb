import Foundation

/// The decoded segments of one parallel read, shared by its workers.
///
/// A read is cut into chunks of rows, several per segment. The first worker to need a segment
/// loads and checks its file; each of the wanted columns is then decoded by whichever worker
/// asks for it first, so workers that arrive at the same segment decode its columns between
/// them instead of waiting. A segment is dropped when its last chunk is done, so memory holds
/// only the segments that chunks in flight touch. A failure to load or decode is handed to
/// every worker waiting on that segment.
// @unchecked Sendable: every stored property is read and written only while holding `condition`.
final class SegmentCache: @unchecked Sendable {
    private final class Entry {
        var bytes: [UInt8]?
        var loading = false
        var claimed: [Bool]
        var decoded: [DecodedColumn?]
        var failure: ParanomError?

        init(columns: Int) {
            claimed = Array(repeating: false, count: columns)
            decoded = Array(repeating: nil, count: columns)
        }
    }

    private let condition = NSCondition()
    private let segments: [SegmentRecord]
    private let columns: [UInt32]
    private var chunkCounts: [Int]
    private var entries: [Int: Entry] = [:]

    /// `chunks[i]` is the number of chunks that will read `segments[i]`.
    init(segments: [SegmentRecord], columns: [UInt32], chunks: [Int]) {
        self.segments = segments
        self.columns = columns
        chunkCounts = chunks
    }

    /// The wanted columns of segment `index`, in the order given at `init`, decoding what
    /// nobody has decoded yet with `reader`.
    func columns(of index: Int, reader: SegmentReader) throws(ParanomError) -> [DecodedColumn] {
        condition.lock()
        defer { condition.unlock() }
        let entry: Entry
        if let existing = entries[index] {
            entry = existing
        } else {
            entry = Entry(columns: columns.count)
            entries[index] = entry
        }
        let segment = segments[index]
        while true {
            if let failure = entry.failure { throw failure }
            guard let bytes = entry.bytes else {
                if entry.loading {
                    condition.wait()
                    continue
                }
                entry.loading = true
                condition.unlock()
                let result: Result<[UInt8], ParanomError>
                do { result = .success(try reader.load(segment)) } catch { result = .failure(error) }
                condition.lock()
                switch result {
                case let .success(loaded): entry.bytes = loaded
                case let .failure(error): entry.failure = error
                }
                condition.broadcast()
                continue
            }
            if let next = entry.claimed.firstIndex(of: false) {
                entry.claimed[next] = true
                condition.unlock()
                let result: Result<DecodedColumn, ParanomError>
                do {
                    let id = columns[next]
                    result = .success(try reader.decode(bytes, segment, columns: [id])[id]!)
                } catch {
                    result = .failure(error)
                }
                condition.lock()
                switch result {
                case let .success(column): entry.decoded[next] = column
                case let .failure(error): entry.failure = error
                }
                condition.broadcast()
                continue
            }
            if entry.decoded.allSatisfy({ $0 != nil }) {
                entry.bytes = []  // every column is decoded: the file's bytes are not needed any more
                return entry.decoded.map { $0! }
            }
            condition.wait()
        }
    }

    /// Records that one chunk of segment `index` is done; the last one drops the segment.
    func finished(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        chunkCounts[index] -= 1
        if chunkCounts[index] == 0 { entries[index] = nil }
    }
}
