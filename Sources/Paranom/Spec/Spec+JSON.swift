/// The canonical JSON form of a spec: every default filled in, every variable's id explicit.
///
/// This is the text stored in a dataset's manifest; reading it back with `Spec(json:)` gives
/// an equal spec, so a dataset's rows never depend on how the original file was written.
extension Spec {
    public var canonicalJSON: JSONValue {
        var members: [JSONMember] = [
            JSONMember("name", .string(name)),
            JSONMember("seed", .number(String(seed))),
            JSONMember("segmentRows", .number(String(segmentRows))),
            JSONMember("compression", .object([JSONMember("level", .number(String(compressionLevel)))])),
        ]
        if let clock {
            members.append(JSONMember("clock", .object([JSONMember("start", .string(clock.start)), JSONMember("step", .string(clock.step))])))
        }
        if let anomalies {
            let gap: JSONValue
            switch anomalies.gap {
            case let .integer(range): gap = .object([JSONMember("integer", Self.rangeJSON(range))])
            case let .geometric(p): gap = .object([JSONMember("geometric", Self.number(p))])
            }
            members.append(JSONMember("anomalies", .object([
                JSONMember("warmup", .number(String(anomalies.warmup))),
                JSONMember("gap", gap),
                JSONMember("duration", .object([JSONMember("integer", Self.rangeJSON(anomalies.duration))])),
                JSONMember("scenarios", .array(anomalies.scenarios.map {
                    .object([JSONMember("name", .string($0.name)), JSONMember("weight", Self.number($0.weight))])
                })),
            ])))
        }
        members.append(JSONMember("variables", .array(variables.map(\.canonicalJSON))))
        if let uniqueness {
            func rule(_ r: Uniqueness.Rule) -> JSONValue {
                .object([JSONMember("mode", .string(r.mode.rawValue)), JSONMember("tries", .number(String(r.tries)))])
            }
            members.append(JSONMember("uniqueness", .object([
                JSONMember("key", .array(uniqueness.key.map(JSONValue.string))),
                JSONMember("scope", .string(uniqueness.scope.rawValue)),
                JSONMember("normal", rule(uniqueness.normal)),
                JSONMember("anomalous", rule(uniqueness.anomalous)),
            ])))
        }
        return .object(members)
    }

    static func number(_ value: Double) -> JSONValue { .number(value.description) }

    static func rangeJSON(_ range: ClosedRange<Int64>) -> JSONValue {
        .array([.number(String(range.lowerBound)), .number(String(range.upperBound))])
    }
}

extension Variable {
    var canonicalJSON: JSONValue {
        var members: [JSONMember] = [
            JSONMember("id", .number(String(id))),
            JSONMember("name", .string(name)),
            JSONMember("type", .string(type.rawValue)),
        ]
        if let round { members.append(JSONMember("round", .number(String(round)))) }
        members.append(JSONMember("normal", normal.canonicalJSON))
        if let anomalous { members.append(JSONMember("anomalous", anomalous.canonicalJSON)) }
        if !scenarios.isEmpty {
            members.append(JSONMember("scenarios", .object(scenarios.map { JSONMember($0.name, $0.source.canonicalJSON) })))
        }
        return .object(members)
    }
}

extension Literal {
    var json: JSONValue {
        switch self {
        case let .number(v): return Spec.number(v)
        case let .integer(v): return .number(String(v))
        case let .bool(v): return .bool(v)
        case let .string(v): return .string(v)
        }
    }
}

extension Source {
    var canonicalJSON: JSONValue {
        func kind(_ name: String, _ body: JSONValue) -> JSONValue { .object([JSONMember(name, body)]) }
        func fields(_ pairs: [(String, Double)]) -> JSONValue { .object(pairs.map { JSONMember($0.0, Spec.number($0.1)) }) }
        switch self {
        case let .uniform(a, b):
            return kind("uniform", .array([Spec.number(a), Spec.number(b)]))
        case let .integer(a, b):
            return kind("integer", Spec.rangeJSON(a...b))
        case let .normal(mean, std, low, high):
            var pairs = [("mean", mean), ("std", std)]
            if low.isFinite { pairs.append(("min", low)) }
            if high.isFinite { pairs.append(("max", high)) }
            return kind("normal", fields(pairs))
        case let .choice(values, weights):
            var members = [JSONMember("values", .array(values.map(\.json)))]
            if let weights { members.append(JSONMember("weights", .array(weights.map(Spec.number)))) }
            return kind("choice", .object(members))
        case let .constant(value):
            return kind("constant", value.json)
        case let .sine(period, amplitude, offset, phase):
            return kind("sine", fields([("period", period), ("amplitude", amplitude), ("offset", offset), ("phase", phase)]))
        case let .noisy(base, noise):
            guard case var .object(members) = base.canonicalJSON else { return base.canonicalJSON }
            members.append(JSONMember("noise", noise.canonicalJSON))
            return .object(members)
        case let .walk(start, step, low, high):
            var members = [JSONMember("start", Spec.number(start)), JSONMember("step", step.canonicalJSON)]
            if low.isFinite { members.append(JSONMember("min", Spec.number(low))) }
            if high.isFinite { members.append(JSONMember("max", Spec.number(high))) }
            return kind("walk", .object(members))
        case let .ar1(phi, mean, noise):
            return kind("ar1", .object([JSONMember("phi", Spec.number(phi)), JSONMember("mean", Spec.number(mean)),
                                        JSONMember("noise", noise.canonicalJSON)]))
        case let .replay(replay):
            var members = [JSONMember("file", .string(replay.file)), JSONMember("column", .string(replay.column))]
            if let rows = replay.rows { members.append(JSONMember("rows", Spec.rangeJSON(rows))) }
            if let checksum = replay.checksum { members.append(JSONMember("xxh64", .string(hex16(checksum)))) }
            return kind("replay", .object(members))
        case let .callback(name):
            return kind("callback", .string(name))
        case let .transform(transform):
            switch transform.kind {
            case .hold: return kind("hold", .object([]))
            case .noise: return kind("noise", transform.parameter?.canonicalJSON ?? .null)
            default:
                var members = [JSONMember(transform.parameterName!, transform.parameter?.canonicalJSON ?? .null)]
                if transform.choosesPer { members.append(JSONMember("per", .string(transform.perEvent ? "event" : "row"))) }
                return kind(transform.kind.rawValue, .object(members))
            }
        }
    }
}
