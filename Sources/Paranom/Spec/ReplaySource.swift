/// A real series replayed as a variable's values: one column of a CSV file.
///
/// Row r of the dataset takes value r mod n of the series (n values), so the series cycles past
/// its end. In a spec file, `file` is relative to the spec file's directory; `paranom init`
/// copies the file into the dataset (`DS/replay/NAME`) and stores the copy's path, relative to
/// the dataset, with its XXH64, so the dataset is self-contained and a changed copy is found.
///
/// ```json
/// "normal": { "replay": { "file": "../data/mitdb.csv", "column": "data", "rows": [0, 6935] } }
/// ```
public struct ReplaySource: Sendable, Equatable, Hashable {
    /// The CSV file: relative to the spec's directory in a spec file, to the dataset's in a
    /// dataset's stored spec.
    public var file: String
    /// The header name of the column to replay.
    public var column: String
    /// The data rows to replay (0 is the first line after the header), inclusive; nil for all.
    public var rows: ClosedRange<Int64>?
    /// XXH64 of the file's bytes: recorded by `init`; when a spec file gives it, `init` checks it.
    public var checksum: UInt64?

    public init(file: String, column: String, rows: ClosedRange<Int64>? = nil, checksum: UInt64? = nil) {
        self.file = file
        self.column = column
        self.rows = rows
        self.checksum = checksum
    }
}

extension Spec {
    /// Every replay source of the spec with its JSON path (`variables[0].normal.replay`), in
    /// declaration order.
    public var replayUses: [(source: ReplaySource, path: String)] {
        var uses: [(ReplaySource, String)] = []
        func visit(_ source: Source, _ path: String) {
            switch source {
            case let .replay(replay): uses.append((replay, path + ".replay"))
            case let .noisy(base, noise):
                visit(base, path)
                visit(noise, path + ".noise")
            case let .walk(_, step, _, _): visit(step, path + ".walk.step")
            case let .ar1(_, _, noise): visit(noise, path + ".ar1.noise")
            case let .transform(transform):
                guard let parameter = transform.parameter else { break }
                visit(parameter, path + "." + transform.kind.rawValue + (transform.parameterName.map { "." + $0 } ?? ""))
            default: break
            }
        }
        for (i, variable) in variables.enumerated() {
            visit(variable.normal, "variables[\(i)].normal")
            if let anomalous = variable.anomalous { visit(anomalous, "variables[\(i)].anomalous") }
            for (name, source) in variable.scenarios { visit(source, "variables[\(i)].scenarios.\(name)") }
        }
        return uses
    }

    /// The spec with every replay source passed through `change`.
    func mappingReplays(_ change: (ReplaySource) -> ReplaySource) -> Spec {
        var spec = self
        for i in spec.variables.indices {
            spec.variables[i].normal = spec.variables[i].normal.mappingReplays(change)
            spec.variables[i].anomalous = spec.variables[i].anomalous?.mappingReplays(change)
            spec.variables[i].scenarios = spec.variables[i].scenarios.map { ($0.name, $0.source.mappingReplays(change)) }
        }
        return spec
    }
}
