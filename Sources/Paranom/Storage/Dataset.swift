#if canImport(Glibc)
import Glibc
#endif

/// A dataset on disk: a directory holding `manifest.sqlite` and `segments/`.
///
/// A `Dataset` owns one SQLite connection and is used by one thread (not `Sendable`).
/// Readers see the last committed version; `grow` (in `Dataset+Grow.swift`) is the only
/// writer and holds the dataset's lock while it runs.
///
/// ```swift
/// let dataset = try Dataset.create(at: "valve.pnm", spec: spec)
/// try dataset.grow(to: 100_000)
/// ```
public final class Dataset {
    public let path: String
    public let spec: Spec
    /// The callbacks the program registers, for the spec's callback variables.
    public let callbacks: CallbackRegistry
    /// The dataset's generator, with its callbacks and replay series (loaded at first use).
    public private(set) lazy var generator: Generator = {
        let replay = Dataset.loadReplay(spec, datasetPath: path)
        return Generator(spec: spec, inputs: GeneratorInputs(callbacks: callbacks, replay: replay.series, replayErrors: replay.errors))
    }()
    let manifest: Manifest

    static let manifestName = "manifest.sqlite"
    static let segmentsName = "segments"
    static let lockName = "lock"

    var manifestPath: String { path + "/" + Dataset.manifestName }
    var segmentsPath: String { path + "/" + Dataset.segmentsName }
    func segmentPath(_ file: String) -> String { segmentsPath + "/" + file }

    private init(path: String, spec: Spec, manifest: Manifest, callbacks: CallbackRegistry) {
        self.path = path
        self.spec = spec
        self.manifest = manifest
        self.callbacks = callbacks
    }

    /// Checks what a spec needs beyond itself, as `create` does, without creating anything:
    /// its replay files (relative to `specDirectory`) and its callbacks. Returns the spec as a
    /// dataset would store it.
    @discardableResult
    public static func check(_ spec: Spec, specDirectory: String = ".", callbacks: CallbackRegistry = .empty) throws(ParanomError) -> Spec {
        try prepare(spec, specDirectory: specDirectory, callbacks: callbacks).spec
    }

    private static func prepare(_ spec: Spec, specDirectory: String, callbacks: CallbackRegistry) throws(ParanomError) -> PreparedReplay {
        let replay = try prepareReplay(spec, specDirectory: specDirectory)
        try Generator(spec: replay.spec, inputs: GeneratorInputs(callbacks: callbacks, replay: replay.series)).requireInputs()
        return replay
    }

    /// Creates a dataset at version 0 (no rows). The directory appears whole or not at all:
    /// it is built under a temporary name and renamed into place.
    ///
    /// Replay files the spec names are read relative to `specDirectory` and copied into the
    /// dataset (`DS/replay/`); a missing or malformed one, or a callback `callbacks` lacks,
    /// fails before anything is created.
    public static func create(at path: String, spec: Spec, specDirectory: String = ".",
                              callbacks: CallbackRegistry = .empty) throws(ParanomError) -> Dataset {
        let path = try normalize(path)
        switch try SystemCall.kind(path) {
        case .missing: break
        default: throw .invalidArgument("\(path) already exists; choose a new path for the dataset (or remove it first)")
        }
        let parent = SystemCall.parentDirectory(of: path)
        guard try SystemCall.kind(parent) == .directory else {
            throw .notFound("the directory \(parent) does not exist; create it first")
        }
        let prepared = try prepare(spec, specDirectory: specDirectory, callbacks: callbacks)
        let staging = path + ".creating-\(getpid())"
        try SystemCall.makeDirectory(staging)
        do {
            if !prepared.files.isEmpty {
                try SystemCall.makeDirectory(staging + "/" + replayName)
                for file in prepared.files {
                    try file.bytes.withRawBytes { (raw) throws(ParanomError) in try SystemCall.writeFile(staging + "/" + file.path, raw) }
                }
            }
            try writeManifest(at: staging + "/" + manifestName, spec: prepared.spec)
            try SystemCall.makeDirectory(staging + "/" + segmentsName)
            try SystemCall.rename(staging, path)
        } catch {
            removeTree(staging)
            throw error
        }
        try SystemCall.syncDirectory(parent)
        return try open(at: path, callbacks: callbacks)
    }

    /// Writes a new manifest at version 0; the connection is closed when this returns.
    private static func writeManifest(at path: String, spec: Spec) throws(ParanomError) {
        let database = try Database(path: path, create: true)
        try database.execute("PRAGMA journal_mode=WAL")
        let manifest = Manifest(database: database)
        try database.transaction { () throws(ParanomError) in
            try database.execute(Manifest.schema)
            let meta: [(String, String)] = [
                ("format_version", String(Manifest.formatVersion)),
                ("algorithm_version", String(Generator.algorithmVersion)),
                ("spec", spec.canonicalJSON.serialized),
                ("name", spec.name),
                ("seed", String(spec.seed)),
                ("created_at", Timestamp.now()),
                ("created_by", "paranom \(Paranom.version)"),
            ]
            for (key, value) in meta {
                try database.run("INSERT INTO meta(key, value) VALUES (?, ?)", [.text(key), .text(value)])
            }
            for column in storedColumns(spec) {
                try database.run("INSERT INTO columns(id, position, name, type, decimals, categories) VALUES (?, ?, ?, ?, ?, ?)",
                                 [.integer(Int64(column.id)), .integer(Int64(column.position)), .text(column.name),
                                  .text(column.type), column.decimals.map { .integer(Int64($0)) } ?? .null,
                                  column.categories.map { .text(JSONValue.array($0.map(JSONValue.string)).serialized) } ?? .null])
            }
            try manifest.insertVersion(VersionInfo(version: 0, rows: 0, createdAt: Timestamp.now(), durationMilliseconds: 0,
                                                   digest: .zero, message: "init", anomalousRows: 0, events: 0, bytes: 0))
        }
    }

    /// Opens an existing dataset; `readOnly` connections never write to it. `callbacks` are
    /// needed only to grow a dataset whose spec names callbacks.
    public static func open(at path: String, readOnly: Bool = false, callbacks: CallbackRegistry = .empty) throws(ParanomError) -> Dataset {
        let path = try normalize(path)
        switch try SystemCall.kind(path) {
        case .missing: throw .notFound("no dataset at \(path) (create one with: paranom init \(path) --spec FILE)")
        case .directory: break
        default: throw .invalidArgument("\(path) is not a dataset directory")
        }
        guard try SystemCall.kind(path + "/" + manifestName) == .file else {
            throw .notFound("\(path) is not a Paranom dataset (it has no \(manifestName))")
        }
        let database = try Database(path: path + "/" + manifestName, readOnly: readOnly)
        try database.execute("PRAGMA synchronous=FULL")
        let manifest = Manifest(database: database)
        let format: String?
        do {
            format = try manifest.meta("format_version")
        } catch {
            throw .corruption(file: path + "/" + manifestName, detail: "not a readable Paranom manifest (\(error))")
        }
        guard let formatText = format, let formatVersion = Int(formatText),
              let algorithmText = try manifest.meta("algorithm_version"), let algorithm = Int(algorithmText),
              let specText = try manifest.meta("spec")
        else {
            throw .corruption(file: path + "/" + manifestName, detail: "the manifest lacks its format, algorithm or spec")
        }
        guard formatVersion <= Manifest.formatVersion else {
            throw .unsupportedVersion(what: "the dataset format of \(path)", found: formatVersion, supported: Manifest.formatVersion)
        }
        guard algorithm == Generator.algorithmVersion else {
            throw .unsupportedVersion(what: "the generation algorithm of \(path)", found: algorithm, supported: Generator.algorithmVersion)
        }
        let spec: Spec
        do {
            spec = try Spec(jsonText: specText)
        } catch {
            throw .corruption(file: path + "/" + manifestName, detail: "the stored spec does not validate: \(error)")
        }
        return Dataset(path: path, spec: spec, manifest: manifest, callbacks: callbacks)
    }

    /// Every committed version, oldest first.
    public func versions() throws(ParanomError) -> [VersionInfo] {
        let list = try manifest.versions()
        guard !list.isEmpty else { throw .corruption(file: manifestPath, detail: "the manifest has no versions") }
        return list
    }

    /// The latest committed version.
    public func currentVersion() throws(ParanomError) -> VersionInfo {
        try versions().last!
    }

    /// A committed version by number.
    public func version(_ number: Int) throws(ParanomError) -> VersionInfo {
        let list = try versions()
        guard let found = list.first(where: { $0.version == number }) else {
            throw .notFound("\(path) has no version \(number) (versions 0 to \(list.last!.version))")
        }
        return found
    }

    /// The given version, or the latest when nil.
    public func resolve(_ version: Int?) throws(ParanomError) -> VersionInfo {
        guard let version else { return try currentVersion() }
        return try self.version(version)
    }

    /// The events of a version that start before its end, in schedule order.
    public func events(version: Int? = nil) throws(ParanomError) -> [AnomalyEvent] {
        let rows = try resolve(version).rows
        return try manifest.events(scenarioNames: spec.scenarioNames).filter { $0.start < rows }
    }

    func segments(version: Int) throws(ParanomError) -> [SegmentRecord] {
        try manifest.segments(upTo: version)
    }

    /// The number of segment files of the latest version.
    public func segmentCount() throws(ParanomError) -> Int {
        Int(try manifest.database.query("SELECT COUNT(*) FROM segments") { $0.int64(0) }.first ?? 0)
    }

    /// The manifest format this build writes and reads.
    public static let formatVersion = Manifest.formatVersion

    /// Bytes on disk: the manifest (with its WAL) and the segment files of the latest version.
    public func bytesOnDisk() throws(ParanomError) -> Int64 {
        var total = try currentVersion().bytes
        for suffix in ["", "-wal"] where try SystemCall.kind(manifestPath + suffix) == .file {
            total += try SystemCall.fileSize(manifestPath + suffix)
        }
        return total
    }

    static func normalize(_ path: String) throws(ParanomError) -> String {
        guard !path.isEmpty else { throw .invalidArgument("the dataset path is empty") }
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    struct ColumnRow {
        var id: UInt32, position: Int, name: String, type: String, decimals: Int?, categories: [String]?
    }

    /// The stored columns: the variables in spec order, then the scenario label (id 0).
    static func storedColumns(_ spec: Spec) -> [ColumnRow] {
        spec.variables.enumerated().map { i, v in
            ColumnRow(id: v.id, position: i, name: v.name, type: v.type.rawValue, decimals: v.round,
                      categories: v.type == .category ? v.categories : nil)
        } + [ColumnRow(id: Generator.scenarioColumn, position: spec.variables.count, name: "scenario", type: "scenario",
                       decimals: nil, categories: [""] + spec.scenarioNames)]
    }
}

/// Removes a directory tree that Paranom made (files and one level of subdirectories).
func removeTree(_ path: String) {
    guard let names = try? SystemCall.listDirectory(path) else { return }
    for name in names {
        let child = path + "/" + name
        if (try? SystemCall.kind(child)) == .directory {
            removeTree(child)
        } else {
            try? SystemCall.unlink(child)
        }
    }
    try? SystemCall.removeDirectory(path)
}

/// Paranom's release.
public enum Paranom {
    public static let version = "0.1.0"
}
