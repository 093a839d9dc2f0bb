import Foundation
import Testing
@testable import Paranom

/// Helpers for the export suites: small datasets from the example specs or from inline specs,
/// the text of an export, and strict readers for CSV and TSV.
enum ExportFixture {
    /// A spec whose float columns hold awkward values: subnormals, the largest magnitudes,
    /// negative zero, integers near 2^53, tiny and huge exponents; and categories that need
    /// quoting or escaping in every format (scenario names are identifiers, so never do).
    static let awkwardSpec = #"""
        {
          "name": "awkward",
          "seed": 99,
          "segmentRows": 300,
          "anomalies": {
            "warmup": 20,
            "gap": { "integer": [30, 90] },
            "duration": { "integer": [5, 40] },
            "scenarios": [ { "name": "first_kind", "weight": 1 }, { "name": "second_kind", "weight": 1 } ]
          },
          "variables": [
            { "name": "subnormal", "normal": { "uniform": [0, 1e-310] } },
            { "name": "huge", "normal": { "uniform": [-1.7e308, 1.7e308] } },
            { "name": "negzero", "normal": { "constant": -0.0 }, "anomalous": { "uniform": [-1e-300, 1e-300] } },
            { "name": "near53", "normal": { "uniform": [9007199254740000, 9007199254750000] } },
            { "name": "tiny", "normal": { "normal": { "mean": 0, "std": 1e-200 } } },
            { "name": "scaled", "round": 6, "normal": { "uniform": [-1000, 1000] } },
            { "name": "big", "type": "int64", "normal": { "integer": [-9000000000000000000, 9000000000000000000] } },
            { "name": "flag", "type": "bool", "normal": { "choice": { "values": [false, true] } } },
            { "name": "label", "type": "category",
              "normal": { "choice": { "values": ["plain", "comma, inside", "quote \"q\"", "new\nline", "cr\rhere", "tab\there", "back\\slash", "ünï, cödé", " spaced "] } } }
          ]
        }
        """#

    /// Creates a dataset in `directory` from spec text and grows it to each of `steps` in turn.
    static func dataset(_ specText: String, in directory: String, name: String = "d.pnm", grow steps: [Int64],
                        segmentRows: Int? = nil) throws -> Dataset {
        var text = specText
        if let segmentRows {
            text = text.replacing(/"segmentRows": *[0-9]+/, with: "\"segmentRows\": \(segmentRows)")
        }
        let dataset = try Dataset.create(at: directory + "/" + name, spec: try Spec(jsonText: text))
        for step in steps { _ = try dataset.grow(to: step, threads: 2) }
        return dataset
    }

    /// An example spec from Fixtures/specs, as text.
    static func example(_ name: String) throws -> String { try TestSupport.readFixture("specs/" + name) }

    /// The export's bytes.
    static func export(_ dataset: Dataset, _ options: ExportOptions) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try dataset.export(options) { bytes += $0 }
        return bytes
    }

    static func text(_ dataset: Dataset, _ options: ExportOptions) throws -> String {
        String(decoding: try export(dataset, options), as: UTF8.self)
    }

    /// Parses CSV strictly per RFC 4180 with LF line ends; nil when malformed.
    static func parseCSV(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                    quoted = false
                } else {
                    field.append(b)
                }
            } else if b == 34 {
                guard field.isEmpty, !wasQuoted else { return nil }
                quoted = true
                wasQuoted = true
            } else if b == 44 || b == 10 {
                record.append(String(decoding: field, as: UTF8.self))
                field = []
                wasQuoted = false
                if b == 10 { records.append(record); record = [] }
            } else {
                guard !wasQuoted else { return nil }
                field.append(b)
            }
            i += 1
        }
        guard !quoted, field.isEmpty, record.isEmpty else { return nil }
        return records
    }

    /// Parses TSV with backslash escapes (`\t` `\n` `\r` `\\`); nil when malformed.
    static func parseTSV(_ text: String) -> [[String]]? {
        guard text.isEmpty || text.hasSuffix("\n") else { return nil }
        var records: [[String]] = []
        for line in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            var fields: [String] = []
            for raw in line.split(separator: "\t", omittingEmptySubsequences: false) {
                var out = ""
                var escape = false
                for c in raw {
                    if escape {
                        switch c {
                        case "t": out.append("\t")
                        case "n": out.append("\n")
                        case "r": out.append("\r")
                        case "\\": out.append("\\")
                        default: return nil
                        }
                        escape = false
                    } else if c == "\\" {
                        escape = true
                    } else {
                        out.append(c)
                    }
                }
                if escape { return nil }
                fields.append(out)
            }
            records.append(fields)
        }
        return records
    }

    /// Parses JSON Lines into one dictionary per line; nil when a line is not a JSON object.
    static func parseJSONL(_ text: String) -> [[String: Any]]? {
        guard text.isEmpty || text.hasSuffix("\n") else { return nil }
        var objects: [[String: Any]] = []
        for line in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) as? [String: Any] else {
                return nil
            }
            objects.append(object)
        }
        return objects
    }

    /// The text a value of a stored column should export as, from the values `readRows` decodes.
    static func expectedField(_ variable: Variable, _ values: ColumnValues, _ i: Int) -> String {
        switch values {
        case let .double(v): return v[i].description
        case let .integer(v):
            switch variable.type {
            case .bool: return v[i] == 0 ? "0" : "1"
            case .category: return variable.categories[Int(v[i])]
            default: return String(v[i])
            }
        }
    }
}
