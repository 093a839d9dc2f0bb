import Glibc
import Testing
@testable import Paranom

@Suite struct PhiloxTests {
    @Test func knownAnswerVectors() throws {
        let text = try TestSupport.readFixture("vectors/philox4x64-10.txt")
        var checked = 0
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: " ").map { UInt64($0, radix: 16) }
            #expect(fields.count == 10)
            let v = try fields.map { try #require($0) }
            let g = Philox4x64(key0: v[4], key1: v[5])
            let out = g.block(v[0], v[1], v[2], v[3])
            #expect(out.0 == v[6])
            #expect(out.1 == v[7])
            #expect(out.2 == v[8])
            #expect(out.3 == v[9])
            checked += 1
        }
        #expect(checked == 3)
    }

    @Test func hashableAndKeys() {
        let a = Philox4x64(key0: 1, key1: 2)
        #expect(a == Philox4x64(key0: 1, key1: 2))
        #expect(a != Philox4x64(key0: 2, key1: 1))
        #expect(a.key0 == 1 && a.key1 == 2)
        #expect(a.block(0, 0, 0, 0) != Philox4x64(key0: 1, key1: 3).block(0, 0, 0, 0))
    }
}

/// Tuple equality helper.
func != (a: (UInt64, UInt64, UInt64, UInt64), b: (UInt64, UInt64, UInt64, UInt64)) -> Bool {
    !(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3)
}
