import Foundation
import Testing
@testable import Paranom

/// `Dataset.verify` and `Dataset.repair`: what they find, and that they name it.
@Suite struct VerifyTests {
    /// The valve spec in segments of 1000 rows, with frequent events.
    static func spec() throws -> Spec {
        var spec = try TestSupport.spec("specs/valve.json")
        spec.segmentRows = 1000
        spec.anomalies?.warmup = 100
        spec.anomalies?.gap = .integer(200...600)
        return spec
    }

    /// A dataset of `spec()` grown to 1500 and then 3500 rows.
    static func dataset(_ dir: String) throws -> Dataset {
        let dataset = try Dataset.create(at: dir + "/d.pnm", spec: try spec())
        try dataset.grow(to: 1500)
        try dataset.grow(to: 3500)
        return dataset
    }

    static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
    static func write(_ data: Data, _ path: String) throws { try data.write(to: URL(fileURLWithPath: path)) }

    @Test func aSoundDatasetVerifies() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.dataset(dir)
            for deep in [false, true] {
                let report = try dataset.verify(deep: deep, threads: 2)
                #expect(report.problems == [])
                #expect(report.isSound)
                #expect(report.version == (try dataset.currentVersion()))
                #expect(report.versions == 3)
                #expect(report.segments == 5)
                #expect(report.bytes == (try dataset.currentVersion()).bytes)
                #expect(report.unnamedFiles == [])
            }
        }
    }

    /// Flips one byte at many positions of a segment file (fixed seed, plus every boundary):
    /// verify reports each one, naming the file, and the column and rows when the byte is in
    /// a column's block. The other segments stay sound.
    @Test func everyFlippedByteIsReported() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.dataset(dir)
            let record = try #require(try dataset.segments(version: 2).first { $0.start == 1500 })
            let path = dataset.segmentPath(record.file)
            let original = try Self.read(path)
            let names = Dictionary(uniqueKeysWithValues: Dataset.storedColumns(dataset.spec).map { ($0.id, $0.name) })
            var positions = [0, 7, 8, original.count - 16, original.count - 9, original.count - 8, original.count - 1]
            for block in record.blocks { positions += [block.offset, block.offset + block.length / 2, block.offset + block.length - 1] }
            positions.append(record.blocks.last!.offset + record.blocks.last!.length)  // the footer's first byte
            var random = SplitMix64(seed: 0x5EED)
            for _ in 0..<150 { positions.append(Int(random.next() % UInt64(original.count))) }
            for position in positions {
                var damaged = original
                damaged[position] ^= UInt8(1 << (random.next() % 8))
                try Self.write(damaged, path)
                let report = try dataset.verify(threads: 1)
                #expect(!report.isSound, "a flip at byte \(position) went unnoticed")
                #expect(report.problems.allSatisfy { $0.file == path }, "at \(position): \(report.problems)")
                if let block = record.blocks.first(where: { $0.offset <= position && position < $0.offset + $0.length }) {
                    #expect(report.problems.contains { $0.column == names[block.column] && $0.rows == 1500..<2000 },
                            "a flip at byte \(position), in the block of \(names[block.column]!), is not named: \(report.problems)")
                }
            }
            try Self.write(original, path)
            #expect(try dataset.verify().isSound)
        }
    }

    @Test func truncatedExtendedAndMissingSegmentsAreNamed() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.dataset(dir)
            let path = dir + "/d.pnm/segments/000000002000-1000.seg"
            let original = try Self.read(path)
            for length in [0, 1, 8, 23, original.count / 2, original.count - 1] {
                try Self.write(original.prefix(length), path)
                let report = try dataset.verify()
                #expect(report.problems.first == VerifyProblem(file: path, rows: 2000..<3000,
                                                               detail: "the file is \(length) bytes, the manifest says \(original.count) (truncated)"))
            }
            try Self.write(original + Data([0]), path)
            #expect(try dataset.verify().problems.first?.detail == "the file is \(original.count + 1) bytes, the manifest says \(original.count)")
            try FileManager.default.removeItem(atPath: path)
            #expect(try dataset.verify().problems == [VerifyProblem(file: path, rows: 2000..<3000, detail: "the segment file is missing")])
        }
    }

    /// Changes to the manifest that leave it a valid database are found by its consistency checks.
    @Test(arguments: [
        ("UPDATE versions SET digest = '0123456789abcdef0123456789abcdef' WHERE version = 1", "version 1's digest is"),
        ("UPDATE versions SET rows = 3400 WHERE version = 2", "the segments of version 2 do not hold exactly rows 0:3400"),
        ("UPDATE versions SET anomalous_rows = anomalous_rows + 1 WHERE version = 2", "anomalous rows"),
        ("UPDATE versions SET events = events + 1 WHERE version = 2", "events"),
        ("UPDATE segments SET row_count = 999 WHERE row_start = 2000", "rows 2999:3000 are in no segment"),
        ("UPDATE segments SET digest = '0123456789abcdef0123456789abcdef' WHERE row_start = 0", "the rows' digest is"),
        ("UPDATE segments SET checksum = '0123456789abcdef' WHERE row_start = 0", "checksum mismatch"),
        ("UPDATE segments SET file = '../manifest.sqlite' WHERE row_start = 0", "not a plain name"),
        ("DELETE FROM blocks WHERE column_id = 2 AND segment_id = 1", "has blocks for columns"),
        ("UPDATE blocks SET offset = offset + 1 WHERE column_id = 1 AND segment_id = 2", "footer"),
        ("UPDATE columns SET name = 'tap' WHERE name = 'valve'", "the columns table does not match the spec"),
        ("UPDATE events SET start = start + 1 WHERE idx = 0", "disagree with the events table"),
        ("UPDATE events SET scenario = 'nope' WHERE idx = 0", "unknown scenario"),
        ("DELETE FROM versions WHERE version = 1", "the versions are not numbered"),
    ])
    func manifestInconsistenciesAreFound(_ sql: String, _ expected: String) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.dataset(dir)
            #expect(try dataset.verify().isSound)
            try Database(path: dir + "/d.pnm/manifest.sqlite").execute(sql)
            let report = try dataset.verify()
            #expect(report.problems.contains { $0.description.contains(expected) }, "\(sql): \(report.problems)")
        }
    }

    /// A segment rewritten with a wrong value, and the manifest made to agree, passes every
    /// checksum; only a deep verify, which regenerates the rows, finds it, naming the column
    /// and the row.
    @Test func deepVerifyFindsValuesThatDifferFromTheSpec() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.dataset(dir)
            let record = try #require(try dataset.segments(version: 2).first { $0.start == 2000 })
            var block = try dataset.readRows(2000..<3000)
            guard case var .double(valve) = block.columns[0] else { Issue.record("valve is float64"); return }
            valve[417] += 1
            block.columns[0] = .double(valve)
            let columns = Dataset.storedColumns(dataset.spec).map { SegmentFile.StoredColumn(id: $0.id, name: $0.name, decimals: $0.decimals) }
            let (bytes, rebuilt) = try SegmentFile.build(block, columns: columns, compressor: ZstdCompressor(level: 3))
            try Self.write(Data(bytes), dataset.segmentPath(record.file))
            let database = try Database(path: dir + "/d.pnm/manifest.sqlite")
            let id = try #require(try database.query("SELECT id FROM segments WHERE row_start = 2000") { $0.int64(0) }.first)
            try database.run("UPDATE segments SET bytes = ?, checksum = ?, digest = ? WHERE id = ?",
                             [.integer(rebuilt.bytes), .text(hex16(rebuilt.checksum)), .text(rebuilt.digest.description), .integer(id)])
            for b in rebuilt.blocks {
                try database.run("UPDATE blocks SET offset = ?, length = ?, raw_length = ?, encoding = ?, decimals = ?, base = ?, width = ?, reference = ? WHERE segment_id = ? AND column_id = ?",
                                 [.integer(Int64(b.offset)), .integer(Int64(b.length)), .integer(Int64(b.rawLength)), .text(b.layout.kind.rawValue),
                                  b.layout.decimals.map { .integer(Int64($0)) } ?? .null, .integer(b.layout.base), .integer(Int64(b.layout.width)),
                                  .integer(b.layout.reference), .integer(id), .integer(Int64(b.column))])
            }
            let version = try dataset.currentVersion()
            try database.run("UPDATE versions SET digest = ?, bytes = ? WHERE version = 2",
                             [.text((version.digest - record.digest + rebuilt.digest).description), .integer(version.bytes - record.bytes + rebuilt.bytes)])
            #expect(try dataset.verify().problems == [], "the damage is consistent: only regenerating finds it")
            let deep = try dataset.verify(deep: true)
            #expect(deep.problems.count == 1)
            let problem = try #require(deep.problems.first)
            #expect(problem.file == dataset.segmentPath(record.file))
            #expect(problem.column == "valve")
            #expect(problem.rows == 2417..<2418)
            #expect(problem.detail.hasPrefix("1 values differ from the spec's; at row 2417 the file has \(valve[417])"))
        }
    }

    @Test func deepVerifyComparesTheEventsWithTheSchedule() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: try Self.spec())
            // Grown to one row into an event, whose stored length then reaches past the end.
            let last = try #require(dataset.generator.events(after: nil, before: 5000).last)
            try dataset.grow(to: last.start + 1)
            try Database(path: dir + "/d.pnm/manifest.sqlite").execute("UPDATE events SET length = length + 7 WHERE idx = \(last.index)")
            #expect(try dataset.verify().problems == [], "no stored row shows the change")
            let deep = try dataset.verify(deep: true)
            #expect(deep.problems.map(\.detail) == ["the events table differs from the spec's schedule from event \(last.index) on (\(last.index + 1) stored, \(last.index + 1) in the schedule)"])
        }
    }

    @Test func unnamedFilesAreNotedAndRepairRemovesThem() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.dataset(dir)
            try Self.write(Data([1, 2, 3]), dir + "/d.pnm/segments/000000003500-1000.seg")
            try Self.write(Data(), dir + "/d.pnm/segments/stray")
            let report = try dataset.verify()
            #expect(report.isSound)
            #expect(report.unnamedFiles == ["000000003500-1000.seg", "stray"])
            // Repair takes the write lock.
            let lock = try #require(try SystemCall.lockFile(dir + "/d.pnm/lock", wait: false))
            #expect(throws: ParanomError.busy(path: dir + "/d.pnm")) { try dataset.repair() }
            SystemCall.close(lock)
            let summary = try dataset.repair()
            #expect(summary.removed == ["000000003500-1000.seg", "stray"])
            #expect(summary.bytes == 3)
            #expect(try dataset.verify().unnamedFiles == [])
            #expect(try dataset.repair().removed == [])
            #expect(try dataset.readRows().count == 3500)
        }
    }
}
