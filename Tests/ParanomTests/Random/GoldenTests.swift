import Testing
@testable import Paranom

/// Frozen outputs: any change to Philox, the counter layout or a variate algorithm fails here.
@Suite struct GoldenTests {
    @Test func goldenSequence() {
        var s = RandomStream(Philox4x64(key0: 42, key1: 1), row: 7,
                             stream: RandomStream.streamID(variable: 3, attempt: 0), purpose: 0)
        let words: [UInt64] = [
            0x113a46f94bde3588, 0x8b032ea5a30adfad, 0x46d2e67bad6714a0, 0x2bcf155f424f713b,
            0x10f4da7885abcd63, 0x6dc34e57293fe32c, 0x3640ada90bb062f1, 0x73ddb6bd0dafbb9b,
        ]
        for w in words { #expect(s.nextWord() == w) }
        let units: [UInt64] = [0x3fd35037ec097a58, 0x3fedd812b9c7e2b6, 0x3fef9045aa58e7ac, 0x3fedf4736d66e73c]
        for u in units { #expect(s.unitDouble().bitPattern == u) }
        let ints: [Int64] = [82, 3, 81, 83]
        for i in ints { #expect(s.integer(0, 99) == i) }
        let normals: [UInt64] = [
            0x4001513aafcf567c,  // 2.1646627173566326
            0x3feff2b05a4749c0,  // 0.9983751071215963
            0xbfe971480c3e9c81,  // -0.7950783003951899
            0x3fe3b4fa1ee2c60a,  // 0.6158419230689003
        ]
        for z in normals { #expect(s.standardNormal().bitPattern == z) }
    }

    @Test func goldenMath() {
        #expect(ExactMath.log(10).bitPattern == 0x40026bb1bbb55516)
        #expect(ExactMath.exp(1).bitPattern == 0x4005bf0a8b14576a)  // e + 1 ulp (fdlibm exp)
        #expect(ExactMath.sinTurns(0.125).bitPattern == 0x3fe6a09e667f3bcd)
    }
}
