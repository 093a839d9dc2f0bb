import Paranom

/// The solenoid current of a valve cycling open and shut, after the Marotta MPV-41 valve
/// traces recorded on the space shuttle (the TEK series of Keogh's anomaly work): a sequential
/// callback.
///
/// Each cycle lasts 180 to 220 rows and has four phases: *energize* (the current rises towards
/// its level as the coil's inductance allows), *plateau* (held while the valve is open),
/// *spike* (a short bump as the poppet moves) and *decay* (the current falls away when the
/// coil is released). The state carries the cycle in progress: where it began, how long it
/// lasts, its level and its spike, drawn at its first row. Anomalous rows keep the cycle's
/// timing (the state moves exactly as in normal rows) but distort its shape: `sluggish` events
/// rise and decay two to three times slower, `stuck` events lose the spike and sag; the
/// distortion's size is drawn once per event from the event's stream.
struct MarottaValve: SequentialCallback {
    let name = "marotta"

    struct State: Codable, Sendable, Equatable {
        /// The first row of the cycle in progress; −1 before the first.
        var cycleStart: Int64 = -1
        var cycleLength: Int64 = 0
        /// The current the plateau holds, in amperes.
        var level: Double = 0
        /// The spike's height above the plateau.
        var spike: Double = 0
    }

    var initialState: State { State() }

    func normal(_ state: inout State, _ context: inout CallbackContext) -> Double {
        advance(&state, &context)
        return current(state, context, slowdown: 1, spike: 1, sag: 1)
    }

    func anomalous(_ state: inout State, _ context: inout CallbackContext) -> Double {
        advance(&state, &context)
        guard var events = context.anomaly?.random else { return current(state, context, slowdown: 1, spike: 1, sag: 1) }
        let size = events.uniform(0, 1)
        switch context.anomaly?.scenario {
        case "stuck": return current(state, context, slowdown: 1, spike: 0, sag: 0.80 + 0.1 * size)
        default: return current(state, context, slowdown: 2 + size, spike: 1, sag: 1)
        }
    }

    /// Starts the next cycle when the current one is over; the same in normal and anomalous rows.
    private func advance(_ state: inout State, _ context: inout CallbackContext) {
        guard state.cycleStart < 0 || context.row >= state.cycleStart + state.cycleLength else { return }
        state.cycleStart = context.row
        state.cycleLength = context.random.integer(180, 220)
        state.level = context.random.uniform(3.9, 4.1)
        state.spike = context.random.uniform(0.5, 0.7)
    }

    /// The current at the row: the cycle's shape at its phase, plus sensor noise.
    private func current(_ state: State, _ context: CallbackContext, slowdown: Double, spike: Double, sag: Double) -> Double {
        var random = context.random
        let phase = Double(context.row - state.cycleStart) / Double(state.cycleLength)  // in [0, 1)
        let level = state.level * sag
        let value: Double
        if phase < 0.12 {
            value = level * (1 - ExactMath.exp(-5 * (phase / 0.12) / slowdown))
        } else if phase < 0.55 {
            value = level * (1 - ExactMath.exp(-5 * (1 + (phase - 0.12) / 0.12) / slowdown))
        } else if phase < 0.60 {
            let plateau = level * (1 - ExactMath.exp(-5 * (1 + 0.43 / 0.12) / slowdown))
            value = plateau + spike * state.spike * ExactMath.sinTurns((phase - 0.55) / 0.05 / 2)
        } else {
            let plateau = level * (1 - ExactMath.exp(-5 * (1 + 0.43 / 0.12) / slowdown))
            value = plateau * ExactMath.exp(-6 * (phase - 0.60) / 0.40 / slowdown)
        }
        return value + 0.01 * random.standardNormal()
    }
}
