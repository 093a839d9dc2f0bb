/// The help texts, one per command; tests compare them as exact text.
enum Help {
    static let main = """
        paranom: generate labelled anomaly datasets and keep them as versioned, growing stores

        usage: paranom <command> [arguments]

        commands:
          init DS --spec FILE [--seed N]     create a dataset at version 0 (no rows)
          grow DS --to ROWS | --by ROWS      generate new rows and commit them as a new version
          info DS [--json]                   versions, rows, bytes, anomalies and digests
          export DS [options]                write rows as CSV
          spec check FILE                    validate a spec without creating anything
          help [COMMAND]                     show help for a command

        ROWS is a whole number with an optional suffix: 100000, 100k, 2.5M, 1G.
        Run 'paranom help COMMAND' or 'paranom COMMAND --help' for a command's options.

        exit codes:
          0  success
          1  the request cannot be done (a missing dataset, a target below the current size)
          2  usage error (unknown command or option, malformed value)
          3  invalid spec
          4  corrupt dataset, or one written by a newer Paranom
          5  input/output error (a full disk, no permission)
          6  the dataset is being written by another process
          7  uniqueness could not be met

        """

    static let initCommand = """
        usage: paranom init DS --spec FILE [--seed N]

        Creates the dataset directory DS at version 0, with no rows. The spec is validated
        first (see 'paranom spec check') and stored in the dataset; it never changes after.
        CSV files the spec replays are read relative to the spec file and copied into
        DS/replay/ with their checksums. Callbacks the spec names must be registered by the
        program (one that embeds the command line with its callbacks).

        options:
          --spec FILE   the JSON spec
          --seed N      the seed (0 to 18446744073709551615), overriding the spec's

        """

    static let grow = """
        usage: paranom grow DS --to ROWS | --by ROWS [--threads N] [--message TEXT]

        Generates the rows the dataset does not have yet and commits them as one new version.
        Earlier rows never change: rows are a pure function of (spec, seed, row index), so the
        result is the same for any thread count and any growth schedule.

        options:
          --to ROWS        grow to this many rows
          --by ROWS        grow by this many rows
          --threads N      worker threads (default: all cores)
          --message TEXT   a note stored with the version

        """

    static let info = """
        usage: paranom info DS [--json]

        Shows the dataset's name, seed, algorithm and format versions, rows, segments, bytes
        on disk, anomalous events and rows, and every version with its digest.

        options:
          --json   print one JSON object, for scripts

        """

    static let export = """
        usage: paranom export DS [--version V] [--rows A:B] [--columns a,b,...] [--out FILE] [--no-header] [--threads N]

        Writes rows as CSV (RFC 4180) with a header: t, the variables in spec order,
        is_anomaly and scenario, or the columns asked for. Floats print as the shortest text
        that reads back to the same double.

        options:
          --version V       the version to read (default: the latest)
          --rows A:B        rows A (inclusive) to B (exclusive); either side may be empty
          --columns LIST    comma-separated column names, in output order
          --out FILE        write to FILE (replaced only when the export is complete)
                            instead of standard output
          --no-header       leave out the header line
          --threads N       worker threads (default: all cores)

        """

    static let spec = """
        usage: paranom spec check FILE

        Validates a spec and prints a summary of it, or every problem's JSON path and what is
        wrong with it, including its replay files and callbacks. Nothing is created.

        """

    static func text(for command: String) -> String? {
        ["init": initCommand, "grow": grow, "info": info, "export": export, "spec": spec][command]
    }
}
