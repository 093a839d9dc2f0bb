import Testing
@testable import Paranom

/// Deterministic test data; the same formula generated the reference files hashed by
/// `xxhsum -H1` (xxHash 0.8.1) and by libxxhash's `XXH64()` for the seeded cases.
private func testBytes(_ count: Int) -> [UInt8] {
    (0..<count).map { k in UInt8(truncatingIfNeeded: k &* 131 &+ (k >> 8) &* 7 &+ 13) }
}

/// (size, seed, expected digest). Seed-0 rows were confirmed with `xxhsum -H1`.
private let referenceDigests: [(Int, UInt64, UInt64)] = [
        (0, 0, 0xEF46DB3751D8E999),
        (0, 1, 0xD5AFBA1336A3BE4B),
        (0, 0x9E37_79B9_7F4A_7C15, 0xC4349FC93C010000),
        (1, 0, 0x2078E1AD38AD738B),
        (1, 1, 0x877218C0886C3AA1),
        (1, 0x9E37_79B9_7F4A_7C15, 0xA70E4906C54489B3),
        (3, 0, 0x7540D3B54628A927),
        (3, 1, 0x9400A7AAFD405A5F),
        (3, 0x9E37_79B9_7F4A_7C15, 0x2045302E7A4999FD),
        (4, 0, 0x81E889178857AE3B),
        (4, 1, 0xE8302CC126CEEE50),
        (4, 0x9E37_79B9_7F4A_7C15, 0x7B431BBDA7C78B1D),
        (7, 0, 0x1994980D79604ABA),
        (7, 1, 0x4AE7E999C9C6D4EE),
        (7, 0x9E37_79B9_7F4A_7C15, 0xD451C6F8EF89F71F),
        (8, 0, 0xC31FBC9E15169AB3),
        (8, 1, 0x5DE1FEA989FCC1AC),
        (8, 0x9E37_79B9_7F4A_7C15, 0x2C5CC02C821BC9C0),
        (9, 0, 0x406F128999BC8338),
        (9, 1, 0x9F1CD26C35D1B1A4),
        (9, 0x9E37_79B9_7F4A_7C15, 0xDE78D78DC74EF596),
        (15, 0, 0xAA9E50BD783C303A),
        (15, 1, 0xCF17499D61BF7F69),
        (15, 0x9E37_79B9_7F4A_7C15, 0xCAC0C6052A12A2D9),
        (16, 0, 0x89DAB3BB282FC451),
        (16, 1, 0xECBA8C9253C1E813),
        (16, 0x9E37_79B9_7F4A_7C15, 0x39E25733E2E82395),
        (31, 0, 0xF9E480958112422B),
        (31, 1, 0xDBBBC1ACE8C2EDDD),
        (31, 0x9E37_79B9_7F4A_7C15, 0x7E3191BF8283BBE7),
        (32, 0, 0x5E3E89EA1DB1CD30),
        (32, 1, 0xF15A1C10EEAB3EB4),
        (32, 0x9E37_79B9_7F4A_7C15, 0xBAEFA97E43968D51),
        (33, 0, 0xEF9B3BF8CD46AE76),
        (33, 1, 0xC671632B5018A769),
        (33, 0x9E37_79B9_7F4A_7C15, 0x3642C826530116A5),
        (63, 0, 0x3EFCD5722DC891B4),
        (63, 1, 0xB64719C7177BBBEB),
        (63, 0x9E37_79B9_7F4A_7C15, 0xE607FADDD14F766B),
        (64, 0, 0xA5E88C48D295A814),
        (64, 1, 0x95DD5E119DA69B9E),
        (64, 0x9E37_79B9_7F4A_7C15, 0x1946423C90DB4354),
        (65, 0, 0xE82E1F4DD77B7E26),
        (65, 1, 0x316E4C18CB3C5D85),
        (65, 0x9E37_79B9_7F4A_7C15, 0xA2E3A14E45C5082F),
        (100, 0, 0x576DB27A43B044C7),
        (100, 1, 0x889553F1FF02E5FF),
        (100, 0x9E37_79B9_7F4A_7C15, 0x27CE75ECA96FC252),
        (127, 0, 0x1A35EDB3942138FC),
        (127, 1, 0xED08DE1C38DCB9A7),
        (127, 0x9E37_79B9_7F4A_7C15, 0x616B88A0036C3850),
        (128, 0, 0xEA7C4FAACE9A9328),
        (128, 1, 0x5BD3763C4BC4F3B0),
        (128, 0x9E37_79B9_7F4A_7C15, 0xA2B6BE32B944A1F0),
        (200, 0, 0xEB6DCF84D43F3B2B),
        (200, 1, 0xBD8B33EAC279C2FC),
        (200, 0x9E37_79B9_7F4A_7C15, 0x5C11A8E7870C25FB),
        (1048576, 0, 0xC8C82ECE168AA3BE),
        (1048576, 1, 0xC4928CFB4DC164A1),
        (1048576, 0x9E37_79B9_7F4A_7C15, 0x0A93DCABD7D03D21),
]

/// Small fixed-seed PRNG (SplitMix64) so the chunk splits are reproducible.
@Suite struct XXH64Tests {
    @Test func knownAnswers() {
        #expect(XXH64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test func emptyRawBufferAndStreaming() {
        #expect(XXH64.hash(UnsafeRawBufferPointer(start: nil, count: 0)) == 0xEF46_DB37_51D8_E999)
        var h = XXH64()
        h.update(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(h.finalize() == 0xEF46_DB37_51D8_E999)
    }

    @Test func referenceFiles() {
        let data = testBytes(1_048_576)
        for (size, seed, expected) in referenceDigests {
            let bytes = Array(data[0..<size])
            #expect(XXH64.hash(bytes, seed: seed) == expected, "size \(size) seed \(seed)")
            bytes.withUnsafeBytes { raw in
                #expect(XXH64.hash(raw, seed: seed) == expected, "raw size \(size) seed \(seed)")
            }
            var streaming = XXH64(seed: seed)
            streaming.update(bytes)
            #expect(streaming.finalize() == expected, "streaming size \(size) seed \(seed)")
        }
    }

    @Test func unalignedInput() {
        // Hash the same content starting at every offset within a word.
        let data = testBytes(300)
        let expected = referenceDigests.first { $0.0 == 200 && $0.1 == 0 }!.2
        for shift in 0..<8 {
            let padded = [UInt8](repeating: 0xAA, count: shift) + data[0..<200]
            padded.withUnsafeBytes { raw in
                let slice = UnsafeRawBufferPointer(rebasing: raw[shift...])
                #expect(XXH64.hash(slice) == expected, "shift \(shift)")
            }
        }
    }

    @Test func streamingEqualsOneShot() {
        var rng = SplitMix64(seed: 42)
        let data = testBytes(5000)
        for trial in 0..<300 {
            let length = Int(rng.next() % 5001)
            let seed = trial % 3 == 0 ? 0 : rng.next()
            let bytes = Array(data[0..<length])
            let expected = XXH64.hash(bytes, seed: seed)
            var h = XXH64(seed: seed)
            var offset = 0
            while offset < length {
                // Mix tiny chunks, stripe-sized chunks and big chunks.
                let pick = rng.next() % 4
                let limit: UInt64 = pick == 0 ? 4 : pick == 1 ? 33 : pick == 2 ? 70 : 1000
                let chunk = min(Int(rng.next() % (limit + 1)), length - offset)
                bytes.withUnsafeBytes { raw in
                    h.update(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + chunk]))
                }
                offset += chunk
                if rng.next() % 8 == 0 {
                    // finalize() is non-consuming: an intermediate digest equals the prefix hash.
                    #expect(h.finalize() == XXH64.hash(Array(bytes[0..<offset]), seed: seed))
                }
            }
            #expect(h.finalize() == expected, "trial \(trial) length \(length)")
        }
    }

    @Test func byteByByte() {
        let data = testBytes(200)
        var h = XXH64(seed: 1)
        for b in data { h.update([b]) }
        #expect(h.finalize() == 0xBD8B_33EA_C279_C2FC)
    }
}
