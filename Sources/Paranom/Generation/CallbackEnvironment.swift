/// What the contexts of callbacks are made from: the spec's clock, its scenario names and the
/// random generator, shared by every callback of a generator.
struct CallbackEnvironment: Sendable {
    let philox: Philox4x64
    let clock: Clock?
    let scenarioNames: [String]

    /// Nanoseconds since the epoch of `row`, or nil without a clock or past Int64's range.
    func timestamp(_ row: Int64) -> Int64? {
        guard let clock else { return nil }
        let (offset, overflow) = row.multipliedReportingOverflow(by: clock.stepNanoseconds)
        let (time, overflowAgain) = clock.startNanoseconds.addingReportingOverflow(offset)
        return overflow || overflowAgain ? nil : time
    }

    /// The anomaly context of `row` in `event` for `variable` (nil for a normal row).
    func anomaly(variable: UInt32, code: Int, event: AnomalyEvent?, row: Int64) -> AnomalyContext? {
        guard code != 0, let event else { return nil }
        let random = RandomStream(philox, row: UInt64(event.index), stream: RandomStream.streamID(variable: variable, attempt: 0),
                                  purpose: RandomStream.Purpose.event)
        return AnomalyContext(scenario: scenarioNames[code - 1], event: event.index, offset: row - event.start,
                              length: event.length, random: random)
    }

    /// Points a reused context at `row`.
    @inline(__always)
    func prepare(_ context: inout CallbackContext, variable: UInt32, row: Int64, code: Int, event: AnomalyEvent?,
                 random: RandomStream) {
        context.row = row
        context.timestamp = timestamp(row)
        context.random = random
        context.anomaly = anomaly(variable: variable, code: code, event: event, row: row)
    }
}
