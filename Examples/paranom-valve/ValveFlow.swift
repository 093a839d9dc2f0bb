import Paranom

/// The flow through the valve, from the current in the same row: a row callback that reads an
/// earlier variable.
///
/// The valve opens above 1 A and is fully open from 3 A; the flow then is 12 l/min, plus
/// sensor noise. In anomalous rows the valve leaks: 70% of the flow gets through.
struct ValveFlow: RowCallback {
    let name = "flow"

    func normal(_ context: inout CallbackContext) -> Double {
        let current = context.value("current") ?? 0
        let opening = Swift.min(Swift.max((current - 1) / 2, 0), 1)
        return 12 * opening + 0.05 * context.random.standardNormal()
    }

    func anomalous(_ context: inout CallbackContext) -> Double {
        0.7 * normal(&context)
    }
}
