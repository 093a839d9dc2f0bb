/// The ziggurat tables for `RandomStream.standardNormal()` (Doornik 2005, "An Improved
/// Ziggurat Method to Generate Normal Random Samples", 128 layers).
///
/// Built once, at first use, with `ExactMath.exp`, `ExactMath.log` and IEEE square roots, so
/// the tables (and every normal drawn from them) are bit-identical on every platform.
struct Ziggurat: Sendable {
    /// Layer edges: x[0] = v / f(r) (the base layer's width), x[1] = r, ..., x[128] = 0.
    let x: [Double]
    /// x[i + 1] / x[i]: a draw with |u| below it is inside the layer's rectangle.
    let ratio: [Double]

    static let layers = 128
    /// Where the tail begins.
    static let r = 3.442619855899
    /// The area of each layer.
    static let v = 9.91256303526217e-3

    static let table = Ziggurat()

    private init() {
        var x = [Double](repeating: 0, count: Ziggurat.layers + 1)
        var f = ExactMath.exp(-0.5 * Ziggurat.r * Ziggurat.r)
        x[0] = Ziggurat.v / f
        x[1] = Ziggurat.r
        for i in 2..<Ziggurat.layers {
            x[i] = (-2.0 * ExactMath.log(Ziggurat.v / x[i - 1] + f)).squareRoot()
            f = ExactMath.exp(-0.5 * x[i] * x[i])
        }
        self.x = x
        ratio = (0..<Ziggurat.layers).map { x[$0 + 1] / x[$0] }
    }
}
