/// A change an anomalous source makes to the value the variable's normal source gives at the
/// same row: what a faulty sensor does to a healthy signal.
///
/// The normal value is computed as if the row were normal (the same draws), then transformed;
/// the underlying process of a sequential variable (a walk's state) goes on along its normal
/// path. `parameter` is a value source; with `perEvent` it is drawn once per event, from a
/// stream keyed by the event's index (so every row of the event sees the same factor), else
/// once per row. In the formulas, v is the normal value, p the parameter, k the row's offset in
/// its event (0 at the first row) and L the event's length:
///
/// | kind | value | GutenTAG kind |
/// | --- | --- | --- |
/// | `scale` | v · p | amplitude |
/// | `shift` | v + p | mean |
/// | `hold` | v at the event's first row (a stuck sensor) | platform |
/// | `spike` | v + p at one row of the event, drawn per event; v elsewhere | extremum |
/// | `noise` | v + p, p drawn per row | variance |
/// | `ramp` | v + p · k / (L − 1) (p at the last row; v + p when L = 1) | trend |
///
/// ```json
/// "anomalous": { "scale": { "factor": { "uniform": [1.5, 3.0] } } }
/// ```
public struct Transform: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case scale, shift, hold, spike, noise, ramp
    }

    public var kind: Kind
    /// The factor, offset, magnitude, delta or noise; nil for `hold`.
    public var parameter: Source?
    /// Whether `parameter` is drawn once per event (always for `spike`; never for `noise`).
    public var perEvent: Bool

    public init(_ kind: Kind, parameter: Source? = nil, perEvent: Bool = true) {
        self.kind = kind
        self.parameter = parameter
        self.perEvent = kind == .spike || (kind != .noise && kind != .hold && perEvent)
    }

    /// The parameter's name in the spec: `factor`, `offset`, `magnitude` or `delta` (nil for
    /// `hold`, and for `noise`, whose body is the source itself).
    public var parameterName: String? {
        switch kind {
        case .scale: return "factor"
        case .shift: return "offset"
        case .spike: return "magnitude"
        case .ramp: return "delta"
        case .hold, .noise: return nil
        }
    }

    /// Whether `per` may be given (`scale`, `shift`, `ramp`).
    var choosesPer: Bool { kind == .scale || kind == .shift || kind == .ramp }
}
