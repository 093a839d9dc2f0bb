import Paranom

/// How the command line words an error: as `ParanomError` describes it, except for the
/// SQLite errors whose own words do not tell a user what is wrong with the dataset.
enum ErrorHints {
    static func describe(_ error: ParanomError) -> String {
        guard case let .database(code, message, _, path) = error else { return error.description }
        switch code & 0xFF {
        case 11, 26:  // SQLITE_CORRUPT, SQLITE_NOTADB
            return ParanomError.corruption(file: path, detail: "the manifest is damaged (SQLite: \(message)); it cannot be read").description
        case 8, 14:  // SQLITE_READONLY, SQLITE_CANTOPEN
            return "cannot open \(path): SQLite: \(message). The dataset's directory or manifest is probably read-only: "
                + "even reading a manifest in WAL mode creates \(lastComponent(path))-shm beside it, so the directory must be "
                + "writable (or copy the dataset somewhere it is)"
        default:
            return error.description
        }
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
