import Foundation
import Testing
@testable import Paranom

/// Block encodings, segment files, the manifest and damage detection.
@Suite struct StorageTests {
    static func roundTrip(_ values: ColumnValues, decimals: Int? = nil) -> (BlockLayout, ColumnValues) {
        let encoded = ColumnEncoding.encode(values, decimals: decimals)
        let decoded = ColumnEncoding.decode(encoded.bytes, count: values.count, layout: encoded.layout).values
        return (encoded.layout, decoded)
    }

    @Test func floatsRoundTripBitForBit() {
        var random = SplitMix64(seed: 1)
        var values = (0..<5000).map { _ in Double(bitPattern: random.next()) }.filter { !$0.isNaN }
        values += [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let (layout, decoded) = Self.roundTrip(.double(values))
        #expect(layout.kind == .f64)
        guard case let .double(back) = decoded else { Issue.record("kind"); return }
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func integersChooseTheNarrowestLayout() {
        let cases: [([Int64], BlockLayout.Kind, Int)] = [
            (Array(repeating: 7, count: 100), .for, 0),
            ((0..<1000).map { Int64($0 % 200) - 50 }, .for, 1),
            ((0..<1000).map { 1_000_000 + Int64($0) * 3 }, .delta, 0),
            ((0..<1000).map { Int64($0) * 1_000 + Int64($0 % 7) }, .delta, 1),
            ([Int64.min, Int64.max, 0], .for, 8),
            ([], .for, 0),
        ]
        for (values, kind, width) in cases {
            let (layout, decoded) = Self.roundTrip(.integer(values))
            #expect(layout.kind == kind, "\(values.prefix(3))…")
            #expect(layout.width == width, "\(values.prefix(3))…")
            #expect(decoded == .integer(values))
        }
    }

    @Test func roundedFloatsAreStoredAsScaledIntegers() {
        var random = SplitMix64(seed: 2)
        let values = (0..<10_000).map { _ in roundToDecimals(random.unit() * 2000 - 1000, scale: 100) }
        let (layout, decoded) = Self.roundTrip(.double(values), decimals: 2)
        #expect(layout.kind == .for && layout.decimals == 2 && layout.width == 4)
        guard case let .double(back) = decoded else { Issue.record("kind"); return }
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
        // A value that is not a whole number of hundredths falls back to plain floats.
        let (fallback, again) = Self.roundTrip(.double(values + [0.123]), decimals: 2)
        #expect(fallback.kind == .f64)
        #expect(again == .double(values + [0.123]))
    }

    @Test func segmentFileHoldsItsRecordAndDecodes() throws {
        let generator = Generator(spec: try TestSupport.spec("specs/machine.json"))
        let block = generator.rows(70_000..<75_000, events: generator.events(after: nil, before: 75_000)[...])
        let columns = Dataset.storedColumns(generator.spec).map { SegmentFile.StoredColumn(id: $0.id, name: $0.name, decimals: $0.decimals) }
        let (bytes, record) = try SegmentFile.build(block, columns: columns, compressor: ZstdCompressor(level: 3))
        #expect(record.file == "000000070000-5000.seg")
        #expect(record.bytes == Int64(bytes.count))
        try SegmentFile.check(bytes, record: record, path: "x")
        let decompressor = try ZstdDecompressor()
        for (i, variable) in generator.spec.variables.enumerated() {
            let blockRecord = try #require(record.blocks.first { $0.column == variable.id })
            let values = try SegmentFile.readBlock(bytes, blockRecord, rows: 5000, path: "x", decompressor: decompressor).values
            #expect(values == block.columns[i], "column \(variable.name)")
        }
        #expect(record.digest == block.digest(columns: generator.spec.variables.map(\.id)))
        // The footer describes the file by itself.
        let trailer = bytes.suffix(16)
        let footerLength = Int(trailer.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        let footer = try JSONValue(parsing: Array(bytes[(bytes.count - 16 - footerLength)..<(bytes.count - 16)]))
        #expect(footer["rowStart"]?.int64Value == 70_000)
        #expect(footer["blocks"]?.arrayValue?.count == columns.count)
    }

    @Test func aDamagedSegmentIsReportedByName() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var spec = try TestSupport.spec("specs/valve.json")
            spec.segmentRows = 5000
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: spec)
            try dataset.grow(to: 12_000)
            let file = dir + "/d.pnm/segments/000000005000-5000.seg"
            var random = SplitMix64(seed: 3)
            let original = try Data(contentsOf: URL(fileURLWithPath: file))
            for _ in 0..<20 {
                var damaged = original
                let at = Int(random.next() % UInt64(damaged.count))
                damaged[at] ^= UInt8(1 << (random.next() % 8))
                try damaged.write(to: URL(fileURLWithPath: file))
                #expect(throws: ParanomError.self) {
                    try dataset.exportCSV(ExportOptions(rows: 5000..<5001)) { _ in }
                }
                do {
                    try dataset.exportCSV(ExportOptions()) { _ in }
                } catch let error as ParanomError {
                    guard case let .corruption(path, _) = error else { Issue.record("\(error)"); continue }
                    #expect(path.hasSuffix("segments/000000005000-5000.seg"))
                }
            }
            // Other segments still read.
            #expect(try dataset.readRows(0..<5000).count == 5000)
            try original.write(to: URL(fileURLWithPath: file))
            #expect(try dataset.readRows().count == 12_000)
            try FileManager.default.removeItem(atPath: file)
            #expect(throws: ParanomError.self) { try dataset.readRows() }
        }
    }

    @Test func versionsRecordRowsDigestsAndEvents() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var spec = try TestSupport.spec("specs/valve.json")
            spec.segmentRows = 10_000
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: spec)
            #expect(try dataset.versions().map(\.rows) == [0])
            try dataset.grow(to: 15_000, message: "one")
            try dataset.grow(to: 42_000, message: "two")
            #expect(try dataset.grow(to: 42_000) == nil)
            let versions = try dataset.versions()
            #expect(versions.map(\.rows) == [0, 15_000, 42_000])
            #expect(versions.map(\.message) == ["init", "one", "two"])
            #expect(try dataset.segmentCount() == 6)  // [0,10k) [10k,15k) [15k,20k) [20k,30k) [30k,40k) [40k,42k)
            let events = try dataset.events()
            let schedule = dataset.generator.events(after: nil, before: 42_000)
            #expect(events == schedule)
            #expect(versions[2].events == Int64(events.count))
            #expect(try dataset.events(version: 1) == schedule.filter { $0.start < 15_000 })
            let rows = try dataset.readRows()
            #expect(versions[2].anomalousRows == Int64(rows.scenario.filter { $0 != 0 }.count))
            #expect(throws: ParanomError.self) { try dataset.grow(to: 41_999) }
            // Reopening reads the same spec and versions.
            let reopened = try Dataset.open(at: dir + "/d.pnm", readOnly: true)
            #expect(reopened.spec == dataset.spec)
            #expect(try reopened.versions() == versions)
        }
    }

    @Test func createRefusesExistingPathsAndOpenRefusesNonDatasets() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try TestSupport.spec("specs/valve.json")
            _ = try Dataset.create(at: dir + "/d.pnm", spec: spec)
            #expect(throws: ParanomError.self) { try Dataset.create(at: dir + "/d.pnm", spec: spec) }
            #expect(throws: ParanomError.self) { try Dataset.open(at: dir + "/missing.pnm") }
            try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: false)
            #expect(throws: ParanomError.self) { try Dataset.open(at: dir + "/empty") }
            #expect(throws: ParanomError.self) { try Dataset.create(at: dir + "/no/such/parent.pnm", spec: spec) }
            // A dataset written by a newer format is refused with a clear error.
            let database = try Database(path: dir + "/d.pnm/manifest.sqlite")
            try database.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
            #expect(throws: ParanomError.unsupportedVersion(what: "the dataset format of \(dir)/d.pnm", found: 99, supported: 1)) {
                try Dataset.open(at: dir + "/d.pnm")
            }
        }
    }

    @Test func leftoverFilesAreRemovedAtTheNextGrow() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var spec = try TestSupport.spec("specs/valve.json")
            spec.segmentRows = 1000
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: spec)
            try dataset.grow(to: 2000)
            let stray = dir + "/d.pnm/segments/000000002000-1000.seg"
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: stray))
            try dataset.grow(to: 3000)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments").sorted()
            #expect(files == ["000000000000-1000.seg", "000000001000-1000.seg", "000000002000-1000.seg"])
            #expect(try dataset.readRows().count == 3000)
        }
    }
}
