import Foundation
import Testing
@testable import Paranom

/// `Dataset.checkout`: the rows, versions and files a checkout keeps, and growing it back.
@Suite struct CheckoutTests {
    /// A dataset of segments of 1000 rows grown in three versions: 0, 1500, 4200, 7000 rows.
    static func source(_ dir: String, spec name: String = "specs/machine.json") throws -> Dataset {
        var spec = try TestSupport.spec(name)
        spec.segmentRows = 1000
        let dataset = try Dataset.create(at: dir + "/d.pnm", spec: spec)
        try dataset.grow(to: 1500, message: "first")
        try dataset.grow(to: 4200, message: "second")
        try dataset.grow(to: 7000)
        return dataset
    }

    static func files(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/segments").sorted()
    }

    /// Cuts inside a segment, at a segment boundary inside a version, at a version's end, at 0
    /// and at the full size: each checkout holds exactly the rows, its versions are the
    /// source's up to the cut, and grown to the source's sizes it has the source's digests.
    @Test(arguments: [2500, 3000, 1500, 4200, 0, 7000, 6999, 1] as [Int64])
    func cutAtRows(_ rows: Int64) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let source = try Self.source(dir)
            let all = try source.versions()
            let summary = try source.checkout(rows: rows, to: dir + "/c.pnm")
            #expect(summary.path == dir + "/c.pnm")
            let copy = try Dataset.open(at: dir + "/c.pnm")
            let versions = try copy.versions()
            let last = try #require(versions.last)
            #expect(last.rows == rows)
            #expect(summary.version == last)
            let kept = all.filter { $0.rows < rows }
            #expect(Array(versions.dropLast()) == kept)
            if let exact = all.first(where: { $0.rows == rows }) {
                #expect(last == exact, "a cut at a version's end keeps that version as it is")
            } else {
                let cut = try #require(all.first { $0.rows > rows })
                #expect(last.version == cut.version)
                #expect(last.message.hasPrefix("checkout: version \(cut.version) cut to \(rows) of its \(cut.rows) rows"))
            }
            #expect(try copy.readRows() == source.readRows(0..<rows))
            #expect(last.digest == (try copy.readRows()).digest(columns: copy.spec.variables.map(\.id)))
            #expect(try copy.events() == source.events().filter { $0.start < rows })
            #expect(last.anomalousRows == Int64(try copy.readRows().scenario.filter { $0 != 0 }.count))
            // Only the segment the cut falls in is rewritten.
            let inside = rows % 1000 != 0 && rows != 1500 && rows != 4200
            #expect((summary.rewritten != nil) == inside)
            #expect(summary.linked + (inside ? 1 : 0) == (try Self.files(dir + "/c.pnm")).count)
            let report = try copy.verify(deep: true)
            #expect(report.problems == [])
            #expect(report.unnamedFiles == [])
            // Grown back, it has the source's digests at the source's sizes.
            for version in all where version.rows > rows {
                let grown = try #require(try copy.grow(to: version.rows))
                #expect(grown.digest == version.digest, "at \(version.rows) rows")
                #expect(grown.events == version.events)
                #expect(grown.anomalousRows == version.anomalousRows)
            }
            #expect(try copy.readRows() == source.readRows())
            #expect(try copy.events() == source.events())
        }
    }

    @Test func wholeSegmentsAreHardLinksAndTheCutIsANewFile() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let source = try Self.source(dir)
            let summary = try source.checkout(rows: 2500, to: dir + "/c.pnm")
            #expect(summary.linked == 3)  // [0,1000) [1000,1500) [1500,2000)
            #expect(summary.copied == 0)
            #expect(summary.rewritten == "000000002000-500.seg")
            #expect(try Self.files(dir + "/c.pnm") == ["000000000000-1000.seg", "000000001000-500.seg", "000000001500-500.seg",
                                                          "000000002000-500.seg"])
            for name in ["000000000000-1000.seg", "000000001000-500.seg", "000000001500-500.seg"] {
                let a = try SystemCall.fileIdentity(dir + "/d.pnm/segments/" + name)
                let b = try SystemCall.fileIdentity(dir + "/c.pnm/segments/" + name)
                #expect(a == b, "\(name) is a hard link")
            }
            // The rewritten segment has the bytes a grow to 2500 rows writes.
            var spec = try TestSupport.spec("specs/machine.json")
            spec.segmentRows = 1000
            let fresh = try Dataset.create(at: dir + "/f.pnm", spec: spec)
            try fresh.grow(to: 1500)
            try fresh.grow(to: 2500)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/c.pnm/segments/000000002000-500.seg"))
                    == Data(contentsOf: URL(fileURLWithPath: dir + "/f.pnm/segments/000000002000-500.seg")))
            #expect(try fresh.currentVersion().digest == Dataset.open(at: dir + "/c.pnm").currentVersion().digest)
            // Nothing but the dataset appears beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["c.pnm", "d.pnm", "f.pnm"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/c.pnm").sorted() == ["manifest.sqlite", "segments"])
        }
    }

    @Test func checkoutOfAVersionKeepsItsRowsAndTheSourceIsUnchanged() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let source = try Self.source(dir)
            let before = try source.versions()
            let summary = try source.checkout(version: 2, to: dir + "/c.pnm")
            #expect(summary.version == before[2])
            #expect(summary.rewritten == nil)
            #expect(try Dataset.open(at: dir + "/c.pnm").versions() == Array(before.prefix(3)))
            #expect(try source.versions() == before)
            #expect(try source.verify().problems == [])
            // A checkout of a checkout.
            try Dataset.open(at: dir + "/c.pnm").checkout(rows: 1234, to: dir + "/cc.pnm")
            #expect(try Dataset.open(at: dir + "/cc.pnm").readRows() == source.readRows(0..<1234))
        }
    }

    @Test func refusals() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let source = try Self.source(dir)
            #expect(throws: ParanomError.invalidArgument("\(dir)/d.pnm has 7000 rows (version 3); it cannot check out 7001")) {
                try source.checkout(rows: 7001, to: dir + "/c.pnm")
            }
            #expect(throws: ParanomError.self) { try source.checkout(version: 9, to: dir + "/c.pnm") }
            #expect(throws: ParanomError.self) { try source.checkout(rows: 10, to: dir + "/d.pnm") }
            #expect(throws: ParanomError.self) { try source.checkout(rows: 10, to: dir + "/no/such/c.pnm") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["d.pnm"], "nothing is left behind")
            // A missing or truncated segment is named, and nothing is left behind.
            let segment = dir + "/d.pnm/segments/000000001000-500.seg"
            let original = try Data(contentsOf: URL(fileURLWithPath: segment))
            try original.prefix(100).write(to: URL(fileURLWithPath: segment))
            #expect(throws: ParanomError.corruption(file: segment, detail: "the file is 100 bytes, the manifest says \(original.count)")) {
                try source.checkout(rows: 5000, to: dir + "/c.pnm")
            }
            try FileManager.default.removeItem(atPath: segment)
            #expect(throws: ParanomError.corruption(file: segment, detail: "the segment file is missing")) {
                try source.checkout(rows: 5000, to: dir + "/c.pnm")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["d.pnm"])
            // The segment the cut falls in is read whole, so its checksum is checked.
            try original.write(to: URL(fileURLWithPath: segment))
            let cut = dir + "/d.pnm/segments/000000004200-800.seg"
            var damaged = try Data(contentsOf: URL(fileURLWithPath: cut))
            damaged[damaged.count / 2] ^= 0x10
            try damaged.write(to: URL(fileURLWithPath: cut))
            #expect(throws: ParanomError.corruption(file: cut, detail: "checksum mismatch (the file's contents changed after it was written)")) {
                try source.checkout(rows: 4500, to: dir + "/c.pnm")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["d.pnm"])
            try source.checkout(rows: 4200, to: dir + "/c.pnm")
        }
    }

    /// A checkout to another file system copies the segment files (here /dev/shm, when it is one).
    @Test func anotherFileSystemGetsCopies() throws {
        let shm = "/dev/shm"
        guard FileManager.default.isWritableFile(atPath: shm) else { return }
        try TestSupport.withTemporaryDirectory { dir in
            guard try SystemCall.fileIdentity(shm).device != SystemCall.fileIdentity(dir).device else { return }
            let source = try Self.source(dir)
            let target = shm + "/paranom-checkout-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: target) }
            let summary = try source.checkout(rows: 3500, to: target)
            #expect(summary.linked == 0)
            #expect(summary.copied == 4)
            let copy = try Dataset.open(at: target)
            #expect(try copy.readRows() == source.readRows(0..<3500))
            #expect(try copy.verify().problems == [])
        }
    }
}
