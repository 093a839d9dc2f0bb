/// The fingerprints of the keys seen so far, and the row-order rule that decides each new
/// row's attempt (DESIGN §2, "Uniqueness").
///
/// A grow's plan runs it over the new rows in order: candidates (every row's fingerprint at
/// attempt 0, `Generator.candidateFingerprints`) are computed in parallel beforehand, so only
/// rows whose key repeats do work here. The index is rebuilt at each grow from the
/// fingerprints stored with every segment, streamed from the manifest, so no old column data
/// is read. Memory: 12 bytes per indexed row, in a `FingerprintSet` sized for the grow.
struct UniquenessIndex {
    let uniqueness: Uniqueness
    let generator: Generator
    /// Column indexes of the key's variables.
    let key: [Int]
    /// Scope `class`: [normal, anomalous]; scope `dataset`: [all rows].
    private var seen: [FingerprintSet]
    /// Rows of each class so far (normal, anomalous), for error hints.
    private var classRows: [Int64] = [0, 0]
    /// Duplicates kept by soft uniqueness in the new rows, per class (normal, anomalous).
    private(set) var duplicates: [Int64] = [0, 0]

    /// An empty index, sized for the rows of each class it will hold (a class whose rows are
    /// never looked up takes almost no room).
    init(generator: Generator, uniqueness: Uniqueness, expectedRows: (normal: Int, anomalous: Int) = (0, 0)) {
        self.generator = generator
        self.uniqueness = uniqueness
        key = generator.keyColumns(uniqueness)
        if uniqueness.scope == .class {
            seen = [(false, expectedRows.normal), (true, expectedRows.anomalous)].map { anomalous, rows in
                FingerprintSet(minimumCapacity: uniqueness.rule(anomalous: anomalous).mode == .none ? 0 : rows)
            }
        } else {
            seen = [FingerprintSet(minimumCapacity: expectedRows.normal + expectedRows.anomalous)]
        }
    }

    private func set(anomalous: Bool) -> Int { uniqueness.scope == .class && anomalous ? 1 : 0 }

    /// Whether a class's fingerprints are ever looked up, so must be kept.
    private func indexed(anomalous: Bool) -> Bool {
        uniqueness.scope == .dataset || uniqueness.rule(anomalous: anomalous).mode != .none
    }

    /// Adds the stored fingerprints of rows whose scenario codes are `codes`.
    mutating func add(_ fingerprints: [UInt64], codes: [Int64]) {
        var added = seen.map { _ in [UInt64]() }
        for (fingerprint, code) in zip(fingerprints, codes) {
            let anomalous = code != 0
            classRows[anomalous ? 1 : 0] += 1
            guard indexed(anomalous: anomalous) else { continue }
            added[set(anomalous: anomalous)].append(fingerprint)
        }
        for j in seen.indices { seen[j].insert(contentsOf: added[j]) }
    }

    /// Decides the rows from `start` in order: `fingerprints` comes in as the candidates and
    /// leaves as the accepted fingerprints; returns the rows that need another attempt.
    /// Throws `uniquenessExhausted` when a hard row finds no unique key in its tries.
    mutating func resolve(start: Int64, codes: [Int64], events: ArraySlice<AnomalyEvent>,
                          fingerprints: inout [UInt64]) throws(ParanomError) -> [Generator.Retry] {
        var retries: [Generator.Retry] = []
        for i in codes.indices {
            let anomalous = codes[i] != 0
            let row = start + Int64(i)
            classRows[anomalous ? 1 : 0] += 1
            guard indexed(anomalous: anomalous) else { continue }
            let target = set(anomalous: anomalous)
            // One probe of the set for a row whose key is new, the common case.
            guard !seen[target].insert(fingerprints[i]) else { continue }
            let rule = uniqueness.rule(anomalous: anomalous)
            guard rule.mode != .none else { continue }
            var attempt: UInt32 = 0
            var inserted = false
            let event = anomalous ? events.event(containing: row) : nil
            while !inserted && Int(attempt) + 1 < rule.tries {
                attempt += 1
                fingerprints[i] = generator.fingerprint(row: row, code: Int(codes[i]), event: event, attempt: attempt, key: key)
                inserted = seen[target].insert(fingerprints[i])
            }
            if attempt > 0 { retries.append(Generator.Retry(row: row, attempt: attempt)) }
            if !inserted {
                if rule.mode == .hard { throw exhausted(row: row, code: Int(codes[i]), event: event, attempt: attempt, tries: rule.tries) }
                duplicates[anomalous ? 1 : 0] += 1
            }
        }
        return retries
    }

    private func exhausted(row: Int64, code: Int, event: AnomalyEvent?, attempt: UInt32, tries: Int) -> ParanomError {
        let anomalous = code != 0
        let className = anomalous ? "anomalous" : "normal"
        let scenario = anomalous ? " (scenario \(generator.spec.scenarioNames[code - 1]))" : ""
        let names = "(" + uniqueness.key.joined(separator: ", ") + ")"
        let values = "(" + generator.keyText(row: row, code: code, event: event, attempt: attempt, key: key) + ")"
        let among = uniqueness.scope == .class ? "an earlier \(className) row" : "an earlier row"
        let article = anomalous ? "an" : "a"
        var message = "hard uniqueness failed at row \(row), \(article) \(className) row\(scenario): after \(tries) tries its key \(names) = \(values) still repeats \(among)"
        let ordinal = uniqueness.scope == .class ? classRows[anomalous ? 1 : 0] : classRows[0] + classRows[1]
        if let space = maxDistinctKeys(anomalous: uniqueness.scope == .class ? anomalous : nil), Double(ordinal) > space {
            let what = uniqueness.scope == .class ? "\(className) values" : "values"
            let nth = uniqueness.scope == .class ? "\(className) row" : "row"
            message += "; the key \(names) has at most \(Int64(space)) distinct \(what), and row \(row) is the \(ordinalText(ordinal)) \(nth)"
        }
        message += ". Nothing was committed; widen the key's sources, add variables to the key, raise tries, or use soft uniqueness"
        return .uniquenessExhausted(row: row, detail: message)
    }

    /// An upper bound on the distinct keys a class can produce (nil: both classes), or nil
    /// when some key variable has no provable bound (an unrounded float, say).
    func maxDistinctKeys(anomalous: Bool?) -> Double? {
        let spec = generator.spec
        let named: [String?] = spec.scenarioNames.map { $0 }
        let scenarios: [String?] = anomalous == false ? [nil] : anomalous == true ? named : [nil] + named
        var product = 1.0
        for index in key {
            let variable = spec.variables[index]
            var sources: [Source] = []
            for scenario in scenarios where !sources.contains(variable.source(forScenario: scenario)) {
                sources.append(variable.source(forScenario: scenario))
            }
            guard let count = distinctValues(sources, decimals: variable.round) else { return nil }
            product *= count
        }
        return product
    }

    /// How many distinct values the sources can give together, when that is provably finite.
    private func distinctValues(_ sources: [Source], decimals: Int?) -> Double? {
        var literals: [Literal] = []
        var total = 0.0
        var onlyLiterals = true
        for source in sources {
            switch source {
            case let .choice(values, _): for v in values where !literals.contains(v) { literals.append(v) }
            case let .constant(v): if !literals.contains(v) { literals.append(v) }
            case let .integer(a, b): onlyLiterals = false; total += Double(b) - Double(a) + 1
            case let .uniform(a, b):
                guard let decimals else { return nil }
                onlyLiterals = false
                total += ((b - a) * exactPowerOfTen(decimals)).rounded(.up) + 1
            case let .normal(_, _, low, high):
                guard let decimals, low.isFinite, high.isFinite else { return nil }
                onlyLiterals = false
                total += ((high - low) * exactPowerOfTen(decimals)).rounded(.up) + 1
            case .sine, .noisy, .walk, .ar1, .replay, .callback, .transform:
                return nil
            }
        }
        return onlyLiterals ? Double(literals.count) : total + Double(literals.count)
    }
}

/// "1st", "2nd", "3rd", "61st", "112th".
func ordinalText(_ n: Int64) -> String {
    let suffix: String
    switch (n % 100, n % 10) {
    case (11...13, _): suffix = "th"
    case (_, 1): suffix = "st"
    case (_, 2): suffix = "nd"
    case (_, 3): suffix = "rd"
    default: suffix = "th"
    }
    return "\(n)\(suffix)"
}
