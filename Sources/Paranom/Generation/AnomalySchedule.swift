/// One anomalous event: `length` rows from `start`, all of one scenario.
public struct AnomalyEvent: Sendable, Equatable {
    /// The event's number in the schedule, from 0.
    public var index: Int64
    public var start: Int64
    public var length: Int64
    /// The scenario's code: its index in the spec's scenarios plus one.
    public var scenario: Int

    public var end: Int64 { start + length }
}

/// The anomaly schedule of a spec: event i's gap, duration and scenario come from the random
/// stream keyed by (seed, schedule, i), never from row positions, so the schedule is the same
/// whatever the dataset's size and however it was grown.
///
/// start(0) = warmup + gap(0); start(i) = end(i - 1) + gap(i). Gaps are at least one row,
/// so events never overlap or touch.
struct AnomalySchedule: Sendable {
    let anomalies: Anomalies?
    let philox: Philox4x64
    let scenarioChoice: WeightedChoice?

    /// The variable id reserved for the schedule's random stream.
    static let streamVariable: UInt32 = 0xFFFF_FFFF

    init(spec: Spec, philox: Philox4x64) {
        anomalies = spec.anomalies
        self.philox = philox
        scenarioChoice = spec.anomalies.map { WeightedChoice(weights: $0.scenarios.map(\.weight)) }
    }

    private func stream(_ event: Int64, _ purpose: UInt64) -> RandomStream {
        RandomStream(philox, row: UInt64(event), stream: RandomStream.streamID(variable: Self.streamVariable, attempt: 0), purpose: purpose)
    }

    /// The events after `last` (or from the first, when nil) that start before `rows`.
    func events(after last: AnomalyEvent?, before rows: Int64) -> [AnomalyEvent] {
        guard let anomalies, let scenarioChoice else { return [] }
        var result: [AnomalyEvent] = []
        var index = (last?.index ?? -1) + 1
        var position = last?.end ?? anomalies.warmup
        while true {
            var gapStream = stream(index, 0)
            let gap: Int64
            switch anomalies.gap {
            case let .integer(range):
                gap = gapStream.integer(range.lowerBound, range.upperBound)
            case let .geometric(p):
                guard p > 0 else { return result }
                if p >= 1 {
                    gap = 1
                } else {
                    // Rows until the first success, counting the success: 1 + floor(log u / log(1 - p)).
                    let failures = (ExactMath.log(gapStream.unitDoubleOpenClosed()) / ExactMath.log(1 - p)).rounded(.down)
                    guard failures < 4e18 else { return result }
                    gap = 1 + Int64(failures)
                }
            }
            let (start, overflow) = position.addingReportingOverflow(gap)
            guard !overflow, start < rows else { return result }
            var durationStream = stream(index, 1)
            let length = durationStream.integer(anomalies.duration.lowerBound, anomalies.duration.upperBound)
            var scenarioStream = stream(index, 2)
            let event = AnomalyEvent(index: index, start: start, length: length, scenario: scenarioChoice.pick(&scenarioStream) + 1)
            result.append(event)
            position = start.addingReportingOverflow(length).overflow ? Int64.max : start + length
            index += 1
        }
    }
}

extension Array where Element == AnomalyEvent {
    /// The events that overlap rows [range), assuming the array is in schedule order.
    func overlapping(_ range: Range<Int64>) -> ArraySlice<AnomalyEvent> {
        // First event whose end is after range.lowerBound.
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].end <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var last = low
        while last < count && self[last].start < range.upperBound { last += 1 }
        return self[low..<last]
    }
}

extension RandomAccessCollection where Element == AnomalyEvent, Index == Int {
    /// The event that holds `row`, or nil, by binary search (the events in schedule order).
    func event(containing row: Int64) -> AnomalyEvent? {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = (low + high) / 2
            if self[mid].end <= row { low = mid + 1 } else { high = mid }
        }
        return low < endIndex && self[low].start <= row ? self[low] : nil
    }
}
