extension Dataset {
    /// Exports rows as text (CSV, TSV or JSON Lines, per `options`), handing it to `write` in
    /// row order, in pieces of up to about a megabyte.
    ///
    /// Segments are decoded and rows formatted on `options.threads` worker threads, in chunks of
    /// rows; at most a few chunks per thread wait to be written, so memory stays bounded however
    /// many rows there are. `write` and `progress` run on the calling thread; the bytes passed
    /// to `write` are valid only during the call. The output is the same for any thread count.
    ///
    /// Throws `invalidArgument` for a bad request (unknown columns, a range past the version's
    /// end, times without a clock), `notFound` for a missing version, `corruption` for a damaged
    /// segment (the text written before it was found has been handed to `write`), and what
    /// `write` throws.
    public func export(_ options: ExportOptions, progress: ((ExportProgress) -> Void)? = nil,
                       write: (UnsafeRawBufferPointer) throws(ParanomError) -> Void) throws(ParanomError) {
        let info = try resolve(options.version)
        let range = try checkedRange(options.rows, of: info)
        let schema = try ExportSchema(spec: spec, options: options)
        try schema.clock?.check(rows: range)
        let formatter = RowFormatter(schema: schema)
        var done = ExportProgress(rowsDone: 0, rowsTotal: Int64(range.count), bytesWritten: 0)
        if options.header, let header = formatter.headerLine {
            try header.withRawBytes(write)
            done.bytesWritten = Int64(header.count)
        }
        let pool = ExportBuffer.Pool(capacity: Dataset.chunkRows(lineMax: formatter.lineMax) * formatter.lineMax)
        let segmentsPath = self.segmentsPath
        try readChunks(version: info.version, rows: range, columns: formatter.storedColumns,
                       chunkRows: Dataset.chunkRows(lineMax: formatter.lineMax), threads: options.threads,
                       produce: { (chunk, decoded) throws(ParanomError) -> ExportBuffer in
            let buffer = pool.take()
            guard let count = formatter.format(rows: chunk.rows, segmentStart: chunk.segment.start, decoded: decoded, into: buffer.base) else {
                pool.give(buffer)
                throw .corruption(file: segmentsPath + "/" + chunk.segment.file,
                                  detail: "a block holds a category or scenario code that has no name, or values of the wrong kind")
            }
            buffer.count = count
            buffer.rows = Int64(chunk.rows.count)
            return buffer
        }, consume: { (buffer) throws(ParanomError) in
            defer { pool.give(buffer) }
            if buffer.count > 0 { try write(buffer.bytes) }
            done.rowsDone += buffer.rows
            done.bytesWritten += Int64(buffer.count)
            progress?(done)
        })
    }

    /// Exports rows as text, handing it to `write` in order as byte arrays (a convenience over
    /// `export(_:progress:write:)`, which avoids the copies).
    public func exportCSV(_ options: ExportOptions, write: ([UInt8]) throws(ParanomError) -> Void) throws(ParanomError) {
        try export(options) { (bytes) throws(ParanomError) in try write(Array(bytes)) }
    }

    /// Rows per export chunk: about 1 MiB of text at the longest line, so a chunk's buffer stays
    /// in the caches and the writer gets work early; at least one row.
    static func chunkRows(lineMax: Int) -> Int {
        max(1, min(65_536, (1 << 20) / max(lineMax, 1)))
    }
}
