/// A run of rows of one segment, read as one job of a chunked read.
struct ReadChunk: Sendable {
    /// The segment the rows are in.
    var segment: SegmentRecord
    /// Row numbers of the dataset, within the segment.
    var rows: Range<Int64>
}

extension Dataset {
    /// Reads rows [range) of a version in chunks of at most `chunkRows` rows, in parallel, and
    /// hands each chunk's result to `consume` in row order.
    ///
    /// `produce` runs on up to `threads` worker threads with the chunk and its segment's
    /// `columns`, decoded (in the order given; each segment is loaded, checked and decoded once,
    /// see `SegmentCache`). `consume` runs on the calling thread. At most `threads × 4` results
    /// wait to be consumed. The first error stops the read and is rethrown.
    func readChunks<Result: Sendable>(
        version: Int, rows range: Range<Int64>, columns: [UInt32], chunkRows: Int, threads: Int,
        produce: @escaping @Sendable (ReadChunk, [DecodedColumn]) throws(ParanomError) -> Result,
        consume: (Result) throws(ParanomError) -> Void
    ) throws(ParanomError) {
        let pieces = try self.pieces(version: version, rows: range)
        let (chunks, pieceOfChunk, chunksPerPiece) = Dataset.plan(pieces, chunkRows: Int64(max(1, chunkRows)))
        let cache = SegmentCache(segments: pieces.map(\.segment), columns: columns, chunks: chunksPerPiece)
        let segmentsPath = self.segmentsPath
        let threads = max(1, threads)
        try ParallelRunner.run(jobs: chunks.count, threads: threads, window: threads * 4, makeWorker: { () throws(ParanomError) in
            try SegmentReader(segmentsPath: segmentsPath)
        }, produce: { (reader, index) throws(ParanomError) -> Result in
            let piece = pieceOfChunk[index]
            let decoded = columns.isEmpty ? [] : try cache.columns(of: piece, reader: reader)
            let result = try produce(chunks[index], decoded)
            cache.finished(piece)
            return result
        }, consume: { (_, result) throws(ParanomError) in
            try consume(result)
        })
    }

    /// Cuts segment pieces into chunks: the chunks, the piece of each, and the chunks per piece.
    private static func plan(_ pieces: [SegmentPiece], chunkRows: Int64) -> ([ReadChunk], [Int], [Int]) {
        var chunks: [ReadChunk] = []
        var pieceOfChunk: [Int] = []
        var perPiece = [Int](repeating: 0, count: pieces.count)
        for (k, piece) in pieces.enumerated() {
            var from = piece.rows.lowerBound
            while from < piece.rows.upperBound {
                let to = min(from + chunkRows, piece.rows.upperBound)
                chunks.append(ReadChunk(segment: piece.segment, rows: from..<to))
                pieceOfChunk.append(k)
                perPiece[k] += 1
                from = to
            }
        }
        return (chunks, pieceOfChunk, perPiece)
    }
}
