/// A `Transform` prepared for evaluation: what an anomalous row makes of the normal value.
///
/// The parameter of a per-event transform is drawn from the event's stream (seed, event index,
/// variable, purpose `event`), starting at the event's first row's `t`, so every row of the
/// event sees the same value; a spike first draws its row in the event from that stream. A
/// per-row parameter is drawn from the row's value stream, after the normal value's draws.
struct CompiledTransform: Sendable {
    let kind: Transform.Kind
    /// The parameter; the constant 0 for `hold`, which has none.
    let parameter: CompiledSource
    let perEvent: Bool

    init(_ transform: Transform, replay: [ReplaySource: [Double]]) {
        kind = transform.kind
        parameter = CompiledSource(transform.parameter ?? .constant(.number(0)), type: .float64, categories: [], replay: replay)
        perEvent = transform.perEvent
    }

    /// The transformed value of `row` in `event`, from the normal value `value`. `stream` is the
    /// row's value stream, positioned after the normal value's draws; `eventStream` the event's
    /// stream at its start; `held` the normal value at the event's first row (used by `hold`).
    @inline(__always)
    func apply(_ value: Double, row: Int64, event: AnomalyEvent, stream: inout RandomStream,
               eventStream: RandomStream, held: Double) -> Double {
        if kind == .hold { return held }
        var events = eventStream
        let offset = row - event.start
        if kind == .spike {
            let at = events.integer(0, event.length - 1)
            return offset == at ? value + parameter.double(event.start, &events) : value
        }
        let p = perEvent ? parameter.double(event.start, &events) : parameter.double(row, &stream)
        switch kind {
        case .scale: return value * p
        case .shift, .noise: return value + p
        case .ramp: return value + p * (event.length == 1 ? 1 : Double(offset) / Double(event.length - 1))
        case .hold, .spike: return value  // handled above
        }
    }
}
