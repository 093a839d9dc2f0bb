/// The replay files of a dataset: copied in by `init`, checked and loaded for growing.
///
/// A spec file names each file relative to the spec's directory; the dataset keeps a copy in
/// `DS/replay/` (the file's name, with `-2`, `-3`, ... before the extension when two files
/// share one) and its stored spec names the copy, relative to the dataset, with its XXH64.
extension Dataset {
    static let replayName = "replay"

    /// What `init` makes of a spec's replay files.
    struct PreparedReplay {
        /// The spec as the dataset stores it: each replay source names its copy and checksum.
        var spec: Spec
        /// The copies to write, by path inside the dataset (`replay/mitdb.csv`).
        var files: [(path: String, bytes: [UInt8])]
        var series: [ReplaySource: [Double]]
    }

    /// Reads, checks and cuts the replay files a spec file names, relative to `specDirectory`.
    /// Throws `notFound` for a missing file, `invalidSpec` (naming the JSON path) for a column
    /// that is not there, a field that is not a number, rows past the end or a checksum the
    /// file does not have.
    static func prepareReplay(_ spec: Spec, specDirectory: String) throws(ParanomError) -> PreparedReplay {
        var prepared = PreparedReplay(spec: spec, files: [], series: [:])
        var copies: [String: (file: ReplayFile, path: String)] = [:]
        var stored: [ReplaySource: ReplaySource] = [:]
        for (source, path) in spec.replayUses {
            let copy: (file: ReplayFile, path: String)
            if let known = copies[source.file] {
                copy = known
            } else {
                let location = source.file.hasPrefix("/") ? source.file : specDirectory + "/" + source.file
                guard let file = try ReplayFile.read(location, name: source.file) else {
                    throw .notFound("\(path).file: the replay file \(source.file) does not exist (looked for \(location))")
                }
                copy = (file, replayName + "/" + uniqueName(for: source.file, taken: prepared.files.map(\.path)))
                copies[source.file] = copy
                prepared.files.append((copy.path, file.bytes))
            }
            if let expected = source.checksum, expected != copy.file.checksum {
                throw .invalidSpec(path: path + ".xxh64", message: "\(source.file) has XXH64 \(hex16(copy.file.checksum)), not \(hex16(expected))")
            }
            let kept = ReplaySource(file: copy.path, column: source.column, rows: source.rows, checksum: copy.file.checksum)
            prepared.series[kept] = try copy.file.series(source, path: path)
            stored[source] = kept
        }
        prepared.spec = spec.mappingReplays { stored[$0] ?? $0 }
        return prepared
    }

    /// The file name a copy gets in `replay/`: the original's, made unique among `taken`.
    private static func uniqueName(for file: String, taken: [String]) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let dot = base.lastIndex(of: ".") ?? base.endIndex
        var name = base, n = 1
        while taken.contains(replayName + "/" + name) {
            n += 1
            name = String(base[..<dot]) + "-\(n)" + String(base[dot...])
        }
        return name
    }

    /// Loads the replay series of a dataset's stored spec from its copies, checking each
    /// against its recorded XXH64. A missing or changed copy is not thrown here (reading and
    /// exporting need no replay data) but kept for `Generator.requireInputs()`.
    static func loadReplay(_ spec: Spec, datasetPath: String) -> (series: [ReplaySource: [Double]], errors: [ParanomError]) {
        var series: [ReplaySource: [Double]] = [:]
        var errors: [ParanomError] = []
        var files: [String: ReplayFile] = [:]
        for (source, path) in spec.replayUses {
            let location = datasetPath + "/" + source.file
            do throws(ParanomError) {
                let file: ReplayFile
                if let known = files[source.file] {
                    file = known
                } else {
                    guard let read = try ReplayFile.read(location, name: location) else {
                        throw .corruption(file: location, detail: "the replay file is missing (init copied it into the dataset; restore it to grow)")
                    }
                    file = read
                    files[source.file] = read
                }
                if let expected = source.checksum, expected != file.checksum {
                    throw .corruption(file: location, detail: "the replay file no longer matches its checksum (XXH64 \(hex16(expected)) recorded at init, \(hex16(file.checksum)) now); restore the original to grow")
                }
                series[source] = try file.series(source, path: path)
            } catch {
                if case .corruption = error { errors.append(error) } else { errors.append(.corruption(file: location, detail: "\(error)")) }
            }
        }
        return (series, errors)
    }
}
