/// One anomaly event of a version as an interval of rows: the ground truth a detector is scored
/// against.
///
/// An event that runs past the version's last row is cut there (`isCut`): its `end` is the
/// version's row count, and its `length` what remains, as the rows say.
public struct EventInterval: Sendable, Equatable {
    /// The event's number in the schedule, from 0.
    public var index: Int64
    /// The first row.
    public var start: Int64
    /// One past the last row.
    public var end: Int64
    public var scenario: String
    /// True when the event continues past the version's end (a later grow adds its other rows).
    public var isCut: Bool

    public var length: Int64 { end - start }
}

extension Dataset {
    /// The events of a version (the latest when nil) as row intervals, in row order, cut at the
    /// version's end. Throws `notFound` for a missing version.
    public func eventIntervals(version: Int? = nil) throws(ParanomError) -> [EventInterval] {
        let info = try resolve(version)
        let names = spec.scenarioNames
        return try events(version: info.version).map { event in
            let end = min(event.end, info.rows)
            let name = event.scenario >= 1 && event.scenario <= names.count ? names[event.scenario - 1] : "scenario \(event.scenario)"
            return EventInterval(index: event.index, start: event.start, end: end, scenario: name, isCut: end < event.end)
        }
    }

    /// The events as CSV: a header `start,end,length,scenario`, then one line per event (`end`
    /// exclusive), scenario names quoted per RFC 4180 when they need it.
    public func eventsCSV(version: Int? = nil) throws(ParanomError) -> String {
        var text = "start,end,length,scenario\n"
        for event in try eventIntervals(version: version) {
            text += "\(event.start),\(event.end),\(event.length),\(String(decoding: csvField(event.scenario), as: UTF8.self))\n"
        }
        return text
    }

    /// The events as NAB-style label windows (the Numenta Anomaly Benchmark's
    /// `combined_windows.json`): one member, named after the spec with `.csv` (the file an export
    /// of the dataset would be), holding one `[first, last]` pair per event, both ends inclusive
    /// as NAB's windows are. With a clock the ends are times in NAB's text
    /// (`2026-01-01 00:05:00.000000`, UTC); without one they are row numbers.
    public func eventsNAB(version: Int? = nil) throws(ParanomError) -> String {
        let clock = spec.clock.map { TimestampFormatter(clock: $0, style: .nab) }
        let intervals = try eventIntervals(version: version)
        if let clock, let last = intervals.last { try clock.check(rows: last.start..<last.end) }
        let windows: [JSONValue] = intervals.map { event in
            let ends = [event.start, event.end - 1]
            if let clock { return .array(ends.map { .string(clock.string($0)) }) }
            return .array(ends.map { .number(String($0)) })
        }
        return JSONValue.object([JSONMember(spec.name + ".csv", .array(windows))]).prettyPrinted + "\n"
    }
}
