/// Reads and validates a spec from JSON.
///
/// Every error names the JSON path of the offending value and what is wrong, for example
/// `variables[2].normal.uniform: min 7.0 is greater than max 3.0`. Unknown keys are errors,
/// with a suggestion when a known key is close, so a typo is never silently ignored.
extension Spec {
    /// Parses and validates spec text; `seed`, when given, overrides the spec's own.
    public init(jsonText: String, seed: UInt64? = nil) throws(ParanomError) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: jsonText)
        } catch {
            throw .invalidSpec(path: "", message: "not valid JSON: \(error.description)")
        }
        try self.init(json: json, seed: seed)
    }

    public init(json: JSONValue, seed overrideSeed: UInt64? = nil) throws(ParanomError) {
        let root = try SpecNode(json, path: "").object(allowed: [
            "name", "seed", "segmentRows", "compression", "clock", "anomalies", "variables", "uniqueness",
        ])
        name = try root.optional("name")?.string() ?? "dataset"
        if let seedNode = root.optional("seed") {
            seed = try seedNode.uint64()
        } else {
            seed = 0
        }
        if let overrideSeed { seed = overrideSeed }
        segmentRows = try root.optional("segmentRows")?.integer(in: 1...16_777_216).asInt ?? Spec.defaultSegmentRows
        if let compression = try root.optional("compression")?.object(allowed: ["level"]) {
            compressionLevel = try compression.optional("level")?.integer(in: -7...19).asInt ?? Spec.defaultCompressionLevel
        } else {
            compressionLevel = Spec.defaultCompressionLevel
        }
        clock = try root.optional("clock").map { node throws(ParanomError) in try Clock(node) }
        anomalies = try root.optional("anomalies").map { node throws(ParanomError) in try Anomalies(node) }

        let variableNodes = try root.required("variables").array()
        if variableNodes.isEmpty {
            throw .invalidSpec(path: "variables", message: "a spec needs at least one variable")
        }
        let scenarioNames = anomalies?.scenarios.map(\.name) ?? []
        var variables: [Variable] = []
        for (index, node) in variableNodes.enumerated() {
            let variable = try Variable(node, defaultID: UInt32(index + 1), scenarios: scenarioNames)
            if let other = variables.firstIndex(where: { $0.name == variable.name }) {
                throw .invalidSpec(path: node.path + ".name", message: "the name \"\(variable.name)\" is already used by variables[\(other)]")
            }
            if let other = variables.firstIndex(where: { $0.id == variable.id }) {
                let explicit = node.json["id"] != nil
                let which = explicit ? "the id \(variable.id)" : "the default id \(variable.id) (its position)"
                throw .invalidSpec(path: node.path + (explicit ? ".id" : ""),
                                   message: "\(which) is already used by variables[\(other)] (\"\(variables[other].name)\"); give each variable a distinct \"id\"")
            }
            variables.append(variable)
        }
        self.variables = variables
        uniqueness = try root.optional("uniqueness").map { (node) throws(ParanomError) in try Uniqueness(node, variables: variables) }
    }
}

extension Uniqueness {
    init(_ node: SpecNode, variables: [Variable]) throws(ParanomError) {
        let object = try node.object(allowed: ["key", "scope", "normal", "anomalous"])
        if let keyNode = object.optional("key") {
            let names = try keyNode.array()
            guard !names.isEmpty else { throw .invalidSpec(path: keyNode.path, message: "the key needs at least one variable") }
            var key: [String] = []
            for item in names {
                let name = try item.string()
                guard variables.contains(where: { $0.name == name }) else {
                    let known = variables.map(\.name).joined(separator: ", ")
                    throw .invalidSpec(path: item.path, message: "the key names \"\(name)\", which is not a variable (variables: \(known))")
                }
                guard !key.contains(name) else { throw .invalidSpec(path: item.path, message: "\"\(name)\" is in the key twice") }
                if let variable = variables.first(where: { $0.name == name }), variable.normal.isSequential {
                    throw .invalidSpec(path: item.path, message: "\"\(name)\" is a sequential variable, which cannot be part of a uniqueness key (its value depends on the rows before it, not on the attempt)")
                }
                key.append(name)
            }
            self.key = key
        } else {
            // Sequential values do not depend on the attempt, and a callback joins a key only when named.
            key = variables.filter { !$0.normal.isSequential && $0.normal.callbackName == nil }.map(\.name)
            guard !key.isEmpty else {
                throw .invalidSpec(path: node.path, message: "give a key: every variable is sequential or a callback, and those are never in the default key")
            }
        }
        if let scopeNode = object.optional("scope") {
            let text = try scopeNode.string()
            guard let scope = Scope(rawValue: text) else {
                throw .invalidSpec(path: scopeNode.path, message: "unknown scope \"\(text)\" (expected class or dataset)")
            }
            self.scope = scope
        } else {
            scope = .class
        }
        normal = try object.optional("normal").map { (n) throws(ParanomError) in try Rule(n) } ?? .none
        anomalous = try object.optional("anomalous").map { (n) throws(ParanomError) in try Rule(n) } ?? .none
    }
}

extension Uniqueness.Rule {
    init(_ node: SpecNode) throws(ParanomError) {
        let object = try node.object(allowed: ["mode", "tries"])
        let modeNode = try object.required("mode")
        let text = try modeNode.string()
        guard let mode = Uniqueness.Mode(rawValue: text) else {
            throw .invalidSpec(path: modeNode.path, message: "unknown mode \"\(text)\" (expected none, soft or hard)")
        }
        self.mode = mode
        tries = try object.optional("tries")?.integer(in: 1...1_000_000).asInt ?? 10
    }
}

extension Clock {
    init(_ node: SpecNode) throws(ParanomError) {
        let object = try node.object(allowed: ["start", "step"])
        let startNode = try object.required("start")
        start = try startNode.string()
        guard let nanos = Clock.parseTimestamp(start) else {
            throw .invalidSpec(path: startNode.path, message: "\"\(start)\" is not a valid RFC 3339 time between 1678 and 2262, such as 2026-01-01T00:00:00Z")
        }
        startNanoseconds = nanos
        let stepNode = try object.required("step")
        step = try stepNode.string()
        guard let stepNanos = Clock.parseDuration(step), stepNanos > 0 else {
            throw .invalidSpec(path: stepNode.path, message: "\"\(step)\" is not a positive duration such as 1s, 250ms, 5m, 1h")
        }
        stepNanoseconds = stepNanos
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` into nanoseconds since the epoch.
    static func parseTimestamp(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int64? {
            guard at + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in at..<(at + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 20, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), b[10] == 84 || b[10] == 116, let hour = digits(11, 2), b[13] == 58,
              let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Clock.daysInMonth(year, month), hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if i < b.count && b[i] == 46 {
            i += 1
            var scale: Int64 = 100_000_000
            let first = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            if i == first || i - first > 9 { return nil }
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = digits(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == 43 ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Clock.daysFromCivil(year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflowAgain) = nanos.addingReportingOverflow(fraction)
        return overflow || overflowAgain ? nil : total
    }

    /// Parses a duration such as `1s`, `250ms`, `10us`, `5m`, `2h`, `1d` into nanoseconds.
    static func parseDuration(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
                                        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            // "ms" also ends in "s": only accept when the rest is all digits.
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(number) else { continue }
            let (product, overflow) = value.multipliedReportingOverflow(by: scale)
            return overflow ? nil : product
        }
        return nil
    }

    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(month - 1)]
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension Anomalies {
    init(_ node: SpecNode) throws(ParanomError) {
        let object = try node.object(allowed: ["warmup", "gap", "duration", "scenarios"])
        warmup = try object.optional("warmup")?.integer(in: 0...Int64.max) ?? 0
        let gapNode = try object.required("gap")
        let gapObject = try gapNode.object(allowed: ["integer", "geometric"])
        if let range = gapObject.optional("integer") {
            if gapObject.optional("geometric") != nil {
                throw .invalidSpec(path: gapNode.path, message: "give either \"integer\" or \"geometric\", not both")
            }
            let bounds = try range.integerRange(minimum: 1)
            gap = .integer(bounds)
        } else if let p = gapObject.optional("geometric") {
            let value = try p.number()
            guard value >= 0 && value <= 1 else {
                throw .invalidSpec(path: p.path, message: "the probability \(value) is not between 0 and 1")
            }
            gap = .geometric(value)
        } else {
            throw .invalidSpec(path: gapNode.path, message: "expected {\"integer\": [min, max]} or {\"geometric\": p}")
        }
        duration = try object.required("duration").object(allowed: ["integer"]).required("integer").integerRange(minimum: 1)
        var scenarios: [Scenario] = []
        if let list = object.optional("scenarios") {
            for item in try list.array() {
                let scenario = try item.object(allowed: ["name", "weight"])
                let nameNode = try scenario.required("name")
                let name = try nameNode.identifier()
                if scenarios.contains(where: { $0.name == name }) {
                    throw .invalidSpec(path: nameNode.path, message: "the scenario \"\(name)\" is declared twice")
                }
                let weight = try scenario.optional("weight")?.number() ?? 1
                guard weight.isFinite && weight > 0 else {
                    throw .invalidSpec(path: item.path + ".weight", message: "a scenario's weight must be a positive number")
                }
                scenarios.append(Scenario(name: name, weight: weight))
            }
        }
        if scenarios.isEmpty { scenarios = [Scenario(name: "anomaly", weight: 1)] }
        self.scenarios = scenarios
    }
}

extension Variable {
    static let reservedNames: Set<String> = ["t", "is_anomaly", "scenario", "timestamp"]

    init(_ node: SpecNode, defaultID: UInt32, scenarios: [String]) throws(ParanomError) {
        let object = try node.object(allowed: ["id", "name", "type", "round", "normal", "anomalous", "scenarios"])
        let nameNode = try object.required("name")
        name = try nameNode.identifier()
        if Variable.reservedNames.contains(name) {
            throw .invalidSpec(path: nameNode.path, message: "\"\(name)\" is the name of a built-in column; choose another")
        }
        id = try object.optional("id").map { n throws(ParanomError) in UInt32(try n.integer(in: 1...0xFFFF_FFFE)) } ?? defaultID
        if let typeNode = object.optional("type") {
            let text = try typeNode.string()
            guard let type = VariableType(rawValue: text) else {
                throw .invalidSpec(path: typeNode.path, message: "unknown type \"\(text)\" (expected one of: float64, int64, bool, category)")
            }
            self.type = type
        } else {
            type = .float64
        }
        if let roundNode = object.optional("round") {
            guard type == .float64 else {
                throw .invalidSpec(path: roundNode.path, message: "round applies to float64 variables only")
            }
            round = try roundNode.integer(in: 0...15).asInt
        } else {
            round = nil
        }
        var reader = SourceReader(type: type)
        normal = try reader.read(try object.required("normal"), placement: .normal)
        if case .callback = normal {
            guard type == .float64 || type == .int64 else {
                throw .invalidSpec(path: node.path + ".normal.callback", message: "a callback gives numbers; a \(type.rawValue) variable cannot use it")
            }
            for key in ["anomalous", "scenarios"] where object.optional(key) != nil {
                throw .invalidSpec(path: node.path + "." + key, message: "a callback variable's anomalous rows come from the callback's anomalous function; remove \"\(key)\"")
            }
        }
        anomalous = try object.optional("anomalous").map { n throws(ParanomError) in try reader.read(n, placement: .anomalous) }
        var overrides: [(name: String, source: Source)] = []
        if let scenarioNode = object.optional("scenarios") {
            for member in try scenarioNode.members() {
                guard scenarios.contains(member.key) else {
                    let known = scenarios.isEmpty ? "the spec declares no anomalies" : "declared scenarios: \(scenarios.joined(separator: ", "))"
                    throw .invalidSpec(path: member.node.path, message: "unknown scenario \"\(member.key)\" (\(known))")
                }
                overrides.append((member.key, try reader.read(member.node, placement: .anomalous)))
            }
        }
        self.scenarios = overrides
        categories = reader.categories
    }
}

/// Reads value sources for one variable type, collecting category values as it goes.
struct SourceReader {
    let type: VariableType
    var categories: [String] = []

    /// Where a source stands in a variable, which decides the kinds it may be.
    enum Placement {
        /// A variable's `normal`: any kind but a transform.
        case normal
        /// A variable's `anomalous` or per-scenario source: a stateless kind or a transform.
        case anomalous
        /// Inside another source (a noise, a walk's step, a transform's parameter): stateless kinds.
        case nested
    }

    /// The kinds that are functions of (seed, row, variable, attempt) alone.
    static let statelessKinds = ["uniform", "integer", "normal", "choice", "constant", "sine", "replay"]
    static let normalOnlyKinds = ["walk", "ar1", "callback"]
    static let kinds = statelessKinds + normalOnlyKinds
    /// The transforms but `noise`, which is the additive key when a kind stands beside it.
    static let transformKinds = Transform.Kind.allCases.map(\.rawValue).filter { $0 != "noise" }

    mutating func read(_ node: SpecNode, placement: Placement = .nested) throws(ParanomError) -> Source {
        let object = try node.object(allowed: Set(SourceReader.kinds + SourceReader.transformKinds + ["noise"]))
        let present = (SourceReader.kinds + SourceReader.transformKinds).filter { object.optional($0) != nil }
        if present.isEmpty, let noiseNode = object.optional("noise"), placement == .anomalous {
            try requireFloat(for: .noise, noiseNode)
            return .transform(Transform(.noise, parameter: try read(noiseNode)))
        }
        guard present.count == 1, let kind = present.first, let body = object.optional(kind) else {
            let message = present.isEmpty
                ? "expected one value source: \(expectedKinds(placement))"
                : "give one value source, not \(present.count) (\(present.joined(separator: ", ")))"
            throw .invalidSpec(path: node.path, message: message)
        }
        if SourceReader.transformKinds.contains(kind) {
            guard placement == .anomalous else {
                throw .invalidSpec(path: body.path, message: "\(kind) is a transform of the normal value: it can only be a variable's anomalous or per-scenario source")
            }
            if let noiseNode = object.optional("noise") {
                throw .invalidSpec(path: noiseNode.path, message: "noise cannot be added to a transform; use the noise transform on its own")
            }
            return .transform(try readTransform(Transform.Kind(rawValue: kind)!, body))
        }
        if SourceReader.normalOnlyKinds.contains(kind) && placement != .normal {
            let why = kind == "callback"
                ? "a callback can only be a variable's normal source" + (placement == .anomalous ? " (its anomalous function gives the anomalous rows)" : "")
                : "\(kind) is sequential: it can only be a variable's normal source" + (placement == .anomalous ? " (anomalous rows transform or replace its value)" : ", not part of another source")
            throw .invalidSpec(path: body.path, message: why)
        }
        var source = try readKind(kind, body)
        if let noiseNode = object.optional("noise") {
            guard type == .float64 else {
                throw .invalidSpec(path: noiseNode.path, message: "noise applies to float64 variables only")
            }
            if kind == "callback" {
                throw .invalidSpec(path: noiseNode.path, message: "noise cannot be added to a callback; draw it in the callback from its context's random source")
            }
            let noise = try read(noiseNode)
            source = .noisy(base: source, noise: noise)
        }
        return source
    }

    private func expectedKinds(_ placement: Placement) -> String {
        switch placement {
        case .normal: return SourceReader.kinds.joined(separator: ", ")
        case .nested: return SourceReader.statelessKinds.joined(separator: ", ")
        case .anomalous:
            return SourceReader.statelessKinds.joined(separator: ", ") + ", or a transform: "
                + Transform.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }

    /// Every transform but `hold` computes with numbers.
    private func requireFloat(for transform: Transform.Kind, _ node: SpecNode) throws(ParanomError) {
        guard type == .float64 else {
            throw .invalidSpec(path: node.path, message: "\(transform.rawValue) applies to float64 variables only (the one transform for \(type.rawValue) variables is hold)")
        }
    }

    /// A transform's body: `{}` for hold, the noise source for noise, else the parameter and `per`.
    private mutating func readTransform(_ kind: Transform.Kind, _ body: SpecNode) throws(ParanomError) -> Transform {
        if kind == .hold {
            _ = try body.object(allowed: [])
            return Transform(.hold)
        }
        try requireFloat(for: kind, body)
        let name = Transform(kind).parameterName!
        let transform = Transform(kind)
        let object = try body.object(allowed: transform.choosesPer ? [name, "per"] : [name])
        let parameter = try readParameter(try object.required(name))
        var perEvent = true
        if let perNode = object.optional("per") {
            let text = try perNode.string()
            guard text == "event" || text == "row" else {
                throw .invalidSpec(path: perNode.path, message: "unknown \"\(text)\" (expected event or row)")
            }
            perEvent = text == "event"
        }
        return Transform(kind, parameter: parameter, perEvent: perEvent)
    }

    /// A number parameter: a number (a constant), [a, b] (uniform) or a value source.
    private mutating func readParameter(_ node: SpecNode) throws(ParanomError) -> Source {
        switch node.json {
        case .number: return .constant(.number(try node.finiteNumber()))
        case .array:
            let pair = try node.numberPair()
            return .uniform(pair.0, pair.1)
        default:
            var numbers = SourceReader(type: .float64)
            return try numbers.read(node)
        }
    }

    private mutating func readKind(_ kind: String, _ body: SpecNode) throws(ParanomError) -> Source {
        func requireFloat() throws(ParanomError) {
            guard type == .float64 else {
                throw .invalidSpec(path: body.path, message: "\(kind) gives float64 values; a \(type.rawValue) variable cannot use it")
            }
        }
        switch kind {
        case "uniform":
            try requireFloat()
            let pair = try body.numberPair()
            return .uniform(pair.0, pair.1)
        case "integer":
            guard type == .float64 || type == .int64 else {
                throw .invalidSpec(path: body.path, message: "integer gives numbers; a \(type.rawValue) variable cannot use it")
            }
            let range = try body.integerRange(minimum: Int64.min)
            if type == .float64 {
                let limit: Int64 = 1 << 53
                guard range.lowerBound >= -limit && range.upperBound <= limit else {
                    throw .invalidSpec(path: body.path, message: "bounds beyond ±2^53 cannot be held exactly by a float64 variable")
                }
            }
            return .integer(range.lowerBound, range.upperBound)
        case "normal":
            try requireFloat()
            let object = try body.object(allowed: ["mean", "std", "min", "max"])
            let mean = try object.required("mean").finiteNumber()
            let stdNode = try object.required("std")
            let std = try stdNode.finiteNumber()
            guard std > 0 else { throw .invalidSpec(path: stdNode.path, message: "std must be greater than 0") }
            let low = try object.optional("min")?.finiteNumber() ?? -.infinity
            let high = try object.optional("max")?.finiteNumber() ?? .infinity
            guard low < high else {
                throw .invalidSpec(path: body.path, message: "min \(low) is not less than max \(high)")
            }
            return .normal(mean: mean, std: std, min: low, max: high)
        case "sine":
            try requireFloat()
            let object = try body.object(allowed: ["period", "amplitude", "offset", "phase"])
            let periodNode = try object.required("period")
            let period = try periodNode.finiteNumber()
            guard period > 0 else { throw .invalidSpec(path: periodNode.path, message: "period must be greater than 0") }
            return .sine(period: period, amplitude: try object.required("amplitude").finiteNumber(),
                         offset: try object.optional("offset")?.finiteNumber() ?? 0,
                         phase: try object.optional("phase")?.finiteNumber() ?? 0)
        case "constant":
            return .constant(try literal(body))
        case "walk":
            try requireFloat()
            let object = try body.object(allowed: ["start", "step", "min", "max"])
            let startNode = try object.required("start")
            let start = try startNode.finiteNumber()
            let step = try read(try object.required("step"))
            let low = try object.optional("min")?.finiteNumber() ?? -.infinity
            let high = try object.optional("max")?.finiteNumber() ?? .infinity
            guard low < high else { throw .invalidSpec(path: body.path, message: "min \(low) is not less than max \(high)") }
            guard start >= low && start <= high else {
                throw .invalidSpec(path: startNode.path, message: "start \(start) is outside [min, max] = [\(low), \(high)]")
            }
            return .walk(start: start, step: step, min: low, max: high)
        case "ar1":
            try requireFloat()
            let object = try body.object(allowed: ["phi", "mean", "noise"])
            let phiNode = try object.required("phi")
            let phi = try phiNode.finiteNumber()
            guard phi > -1 && phi < 1 else {
                throw .invalidSpec(path: phiNode.path, message: "phi \(phi) is not between -1 and 1 (exclusive), so the process would not be stationary")
            }
            return .ar1(phi: phi, mean: try object.optional("mean")?.finiteNumber() ?? 0, noise: try read(try object.required("noise")))
        case "replay":
            try requireFloat()
            let object = try body.object(allowed: ["file", "column", "rows", "xxh64"])
            let fileNode = try object.required("file")
            let file = try fileNode.string()
            guard !file.isEmpty else { throw .invalidSpec(path: fileNode.path, message: "the file name is empty") }
            let columnNode = try object.required("column")
            let column = try columnNode.string()
            guard !column.isEmpty else { throw .invalidSpec(path: columnNode.path, message: "the column name is empty") }
            let rows = try object.optional("rows")?.integerRange(minimum: 0)
            var checksum: UInt64?
            if let checksumNode = object.optional("xxh64") {
                let text = try checksumNode.string()
                guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else {
                    throw .invalidSpec(path: checksumNode.path, message: "expected 16 hexadecimal digits, got \"\(text)\"")
                }
                checksum = value
            }
            return .replay(ReplaySource(file: file, column: column, rows: rows, checksum: checksum))
        case "callback":
            return .callback(try body.identifier())
        default:  // "choice"
            let object = try body.object(allowed: ["values", "weights"])
            let valuesNode = try object.required("values")
            let items = try valuesNode.array()
            guard !items.isEmpty else { throw .invalidSpec(path: valuesNode.path, message: "a choice needs at least one value") }
            var values: [Literal] = []
            for item in items {
                let value = try literal(item)
                if values.contains(value) {
                    throw .invalidSpec(path: item.path, message: "the value \(item.json.serialized) appears twice")
                }
                values.append(value)
            }
            var weights: [Double]?
            if let weightsNode = object.optional("weights") {
                let list = try weightsNode.array()
                guard list.count == values.count else {
                    throw .invalidSpec(path: weightsNode.path, message: "\(list.count) weights for \(values.count) values")
                }
                var parsed: [Double] = []
                for w in list {
                    let v = try w.finiteNumber()
                    guard v >= 0 else { throw .invalidSpec(path: w.path, message: "a weight cannot be negative") }
                    parsed.append(v)
                }
                guard parsed.reduce(0, +) > 0 else {
                    throw .invalidSpec(path: weightsNode.path, message: "the weights add up to 0")
                }
                weights = parsed
            }
            return .choice(values: values, weights: weights)
        }
    }

    /// A literal of this reader's variable type.
    private mutating func literal(_ node: SpecNode) throws(ParanomError) -> Literal {
        switch type {
        case .float64: return .number(try node.finiteNumber())
        case .int64: return .integer(try node.integer(in: Int64.min...Int64.max))
        case .bool:
            guard let value = node.json.boolValue else { throw node.typeError("true or false") }
            return .bool(value)
        case .category:
            let value = try node.string()
            if !categories.contains(value) { categories.append(value) }
            return .string(value)
        }
    }
}

/// A JSON value with its path, and typed accessors whose errors name that path.
struct SpecNode {
    let json: JSONValue
    let path: String

    init(_ json: JSONValue, path: String) {
        self.json = json
        self.path = path
    }

    func typeError(_ expected: String) -> ParanomError {
        .invalidSpec(path: path, message: "expected \(expected), got \(json.typeName)")
    }

    func object(allowed: Set<String>) throws(ParanomError) -> SpecObject {
        guard let members = json.objectMembers else { throw typeError("an object") }
        for member in members where !allowed.contains(member.key) {
            var message = "unknown key \"\(member.key)\""
            // Sorted first, so that ties always suggest the same key.
            let candidates = allowed.sorted()
            if let close = candidates.min(by: { editDistance($0, member.key) < editDistance($1, member.key) }),
               case let distance = editDistance(close, member.key), distance <= max(2, member.key.count / 3), distance < member.key.count {
                message += "; did you mean \"\(close)\"?"
            } else {
                message += " (expected one of: \(allowed.sorted().joined(separator: ", ")))"
            }
            throw .invalidSpec(path: child(member.key), message: message)
        }
        return SpecObject(node: self, members: members)
    }

    func members() throws(ParanomError) -> [(key: String, node: SpecNode)] {
        guard let members = json.objectMembers else { throw typeError("an object") }
        return members.map { ($0.key, SpecNode($0.value, path: child($0.key))) }
    }

    func array() throws(ParanomError) -> [SpecNode] {
        guard let items = json.arrayValue else { throw typeError("an array") }
        return items.enumerated().map { SpecNode($0.element, path: "\(path)[\($0.offset)]") }
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string() throws(ParanomError) -> String {
        guard let value = json.stringValue else { throw typeError("a string") }
        return value
    }

    func identifier() throws(ParanomError) -> String {
        let value = try string()
        let ok = !value.isEmpty && value.utf8.count <= 64 && value.utf8.enumerated().allSatisfy { i, c in
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || (i > 0 && c >= 48 && c <= 57)
        }
        guard ok else {
            throw .invalidSpec(path: path, message: "\"\(value)\" is not a valid name (letters, digits and _, not starting with a digit, at most 64)")
        }
        return value
    }

    func number() throws(ParanomError) -> Double {
        guard case .number = json else { throw typeError("a number") }
        guard let value = json.doubleValue else {
            throw .invalidSpec(path: path, message: "the number \(json.serialized) is out of range")
        }
        return value
    }

    func finiteNumber() throws(ParanomError) -> Double {
        let value = try number()
        guard value.isFinite else { throw .invalidSpec(path: path, message: "the number is out of range") }
        return value
    }

    func integer(in range: ClosedRange<Int64>) throws(ParanomError) -> Int64 {
        guard case .number = json else { throw typeError("an integer") }
        guard let value = json.int64Value else {
            throw .invalidSpec(path: path, message: "expected an integer, got \(json.serialized)")
        }
        guard range.contains(value) else {
            throw .invalidSpec(path: path, message: "\(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return value
    }

    func uint64() throws(ParanomError) -> UInt64 {
        guard case .number = json else { throw typeError("an integer") }
        guard let value = json.uint64Value else {
            throw .invalidSpec(path: path, message: "expected an integer from 0 to 18446744073709551615, got \(json.serialized)")
        }
        return value
    }

    func numberPair() throws(ParanomError) -> (Double, Double) {
        let items = try array()
        guard items.count == 2 else { throw .invalidSpec(path: path, message: "expected [min, max], got \(items.count) values") }
        let a = try items[0].finiteNumber(), b = try items[1].finiteNumber()
        guard a <= b else { throw .invalidSpec(path: path, message: "min \(a) is greater than max \(b)") }
        return (a, b)
    }

    func integerRange(minimum: Int64) throws(ParanomError) -> ClosedRange<Int64> {
        let items = try array()
        guard items.count == 2 else { throw .invalidSpec(path: path, message: "expected [min, max], got \(items.count) values") }
        let a = try items[0].integer(in: minimum...Int64.max), b = try items[1].integer(in: minimum...Int64.max)
        guard a <= b else { throw .invalidSpec(path: path, message: "min \(a) is greater than max \(b)") }
        return a...b
    }
}

/// An object's members, looked up by key.
struct SpecObject {
    let node: SpecNode
    let members: [JSONMember]

    func optional(_ key: String) -> SpecNode? {
        members.first { $0.key == key }.map { SpecNode($0.value, path: node.child(key)) }
    }

    func required(_ key: String) throws(ParanomError) -> SpecNode {
        guard let found = optional(key) else {
            throw .invalidSpec(path: node.path, message: "missing required key \"\(key)\"")
        }
        return found
    }
}

extension Int64 {
    var asInt: Int { Int(self) }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8), y = Array(b.utf8)
    var previous = Array(0...y.count)
    for i in 1...max(x.count, 1) where !x.isEmpty {
        var current = [i] + Array(repeating: 0, count: y.count)
        for j in 1...max(y.count, 1) where !y.isEmpty {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return x.isEmpty ? y.count : previous[y.count]
}
