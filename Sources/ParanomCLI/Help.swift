/// The help texts, one per command; tests compare them as exact text.
enum Help {
    static let main = """
        paranom: generate labelled anomaly datasets and keep them as versioned, growing stores

        usage: paranom <command> [arguments]

        commands:
          init DS --spec FILE [--seed N]     create a dataset at version 0 (no rows)
          grow DS --to ROWS | --by ROWS      generate new rows and commit them as a new version
          grow DS --to ROWS --plan           plan a grow whose tasks run elsewhere (a cluster)
          task DS --plan ID --index I        run one task of a plan, on any machine sharing DS
          commit DS --plan ID                check a plan's tasks and commit them as a version
          info DS [--json]                   versions, rows, bytes, anomalies and digests
          export DS [options]                write rows as CSV, TSV or JSON Lines
          events DS [--format csv|json]      the anomaly events, as row intervals or NAB windows
          plot DS --out FILE.svg [options]   an SVG chart of some columns with the events shaded
          log DS [--json]                    every version: rows, time, duration, digest, message
          checkout DS --rows N --out DST     a standalone dataset of the first N rows (or --version V)
          verify DS [--deep]                 check every checksum; --deep regenerates every row
          repair DS                          remove files that no committed version names
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
        usage: paranom grow DS --to ROWS | --by ROWS [--threads N] [--message TEXT] [--wait]
               paranom grow DS --to ROWS | --by ROWS --plan [--tasks K] [--threads N] [--message TEXT] [--wait]

        Generates the rows the dataset does not have yet and commits them as one new version.
        Earlier rows never change: rows are a pure function of (spec, seed, row index), so the
        result is the same for any thread count and any growth schedule.

        With --plan, nothing is generated yet: the grow's plan (its new segments split into K
        tasks, the anomaly events, uniqueness retries, sequential states) is recorded in
        DS/staging/ and its id printed. Run each task with 'paranom task' (on any machines
        that share DS, in any order, at once), then 'paranom commit': the version is the one
        this grow would have made. Making the same plan again gives the same id.

        options:
          --to ROWS        grow to this many rows
          --by ROWS        grow by this many rows
          --threads N      worker threads (default: all cores)
          --message TEXT   a note stored with the version
          --wait           when another process is growing the dataset, wait for it to
                           finish (without it, fail at once with exit code 6)
          --plan           record the plan and print its id instead of growing
          --tasks K        the plan's tasks, each a range of segments (default: one per 4
                           segments, at most 1000)

        """

    static let task = """
        usage: paranom task DS --plan ID [--index I] [--threads N]

        Runs task I of a plan made by 'paranom grow DS --plan': writes its segment files into
        DS/staging/ID/, then its record. A task is a pure function of the spec, the seed, the
        plan and I: rerunning one writes the same bytes, and one already complete, with its
        files intact, is skipped. Tasks read the plan and never the manifest and take no
        lock, so many run at once on machines that share DS (Slurm job arrays, Kubernetes
        Indexed Jobs). Nothing is visible in the dataset until 'paranom commit'.

        options:
          --plan ID     the plan's id, as 'grow --plan' printed it
          --index I     the task, from 0; default: $SLURM_ARRAY_TASK_ID, else
                        $JOB_COMPLETION_INDEX
          --threads N   worker threads (default: in a Slurm job, $SLURM_CPUS_PER_TASK or
                        $SLURM_CPUS_ON_NODE; else all cores)

        """

    static let commit = """
        usage: paranom commit DS --plan ID [--threads N] [--wait]

        Checks that every task of the plan has finished and that its files are whole (sizes
        and checksums), then commits them as one version: the rows, digest and columns a
        plain 'paranom grow' to the plan's rows would give. A missing or damaged task fails
        with the list of the task indexes to run again (exit code 1), and a plan made before
        the dataset's latest version is refused; either way nothing is committed. A
        committed plan is removed from DS/staging/.

        options:
          --plan ID     the plan's id, as 'grow --plan' printed it
          --threads N   threads that check the files (default: all cores)
          --wait        when another process is growing the dataset, wait for it to finish

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
                   [--format csv|tsv|jsonl] [--only anomalous|normal] [--timestamps index|rfc3339] [--layout timeeval]

        Writes rows as CSV (RFC 4180) with a header: t, the variables in spec order,
        is_anomaly and scenario, or the columns asked for. Floats print as the shortest text
        that reads back to the same double. Rows are decoded and formatted in parallel and
        written in order, so memory stays bounded however many rows there are.

        options:
          --version V         the version to read (default: the latest)
          --rows A:B          rows A (inclusive) to B (exclusive); either side may be empty
          --columns LIST      comma-separated column names, in output order
          --out FILE          write to FILE (replaced only when the export is complete)
                              instead of standard output; on a terminal, progress shows
          --format F          csv; tsv (tab-separated, with tab, LF, CR and backslash in a
                              value written \\t \\n \\r \\\\); or jsonl (JSON Lines: one object
                              per row, no header). Default: from the --out file's extension
                              (.tsv, .jsonl, .ndjson), else csv
          --only CLASS        only the anomalous rows, or only the normal ones
          --timestamps T      index: t is the row number (the default); rfc3339: the row's
                              time on the spec's clock, in UTC (2026-01-01T00:00:05Z)
          --layout timeeval   the columns TimeEval and GutenTAG read: timestamp, the
                              variables (--columns chooses them; default: all but the
                              category ones), is_anomaly
          --no-header         leave out the header line
          --threads N         worker threads (default: all cores)

        """

    static let events = """
        usage: paranom events DS [--version V] [--format csv|json] [--out FILE]

        Lists the anomaly events of a version, the ground truth a detector is scored
        against. CSV (the default) has a line per event: start (its first row), end (one past
        its last row), length and scenario. JSON gives NAB-style label windows,
        {"NAME.csv": [[first, last], ...]} with both ends inclusive: times on the spec's clock
        ("2026-01-01 00:05:00.000000", UTC), or row numbers when it has no clock. An event
        that runs past the version's end is cut there.

        options:
          --version V   the version (default: the latest)
          --format F    csv or json
          --out FILE    write to FILE instead of standard output

        """

    static let plot = """
        usage: paranom plot DS [--version V] [--rows A:B] [--columns a,b,...] --out FILE.svg
                   [--width PX] [--height PX] [--threads N]

        Draws an SVG line chart of numeric variables over a row range, with every anomaly
        event shaded and labelled by scenario, axes with ticks and a legend. Each pixel
        column keeps the first, smallest, largest and last value of its rows, so millions
        of rows give a small picture that looks as if every row were drawn.

        options:
          --version V      the version (default: the latest)
          --rows A:B       rows A (inclusive) to B (exclusive); either side may be empty
          --columns LIST   comma-separated variables (float64, int64 or bool); default: all
          --out FILE.svg   the picture to write (replaced only when complete)
          --width PX       width in pixels, 300 to 20000 (default 1200)
          --height PX      height in pixels, 200 to 10000 (default 480)
          --threads N      worker threads (default: all cores)

        """

    static let spec = """
        usage: paranom spec check FILE

        Validates a spec and prints a summary of it, or every problem's JSON path and what is
        wrong with it, including its replay files and callbacks. Nothing is created.

        """

    static let log = """
        usage: paranom log DS [--json]

        Lists every committed version, oldest first: its number, rows, rows added, commit
        time (UTC), how long its grow took, its digest and its message.

        options:
          --json   print one JSON object, for scripts

        """

    static let checkout = """
        usage: paranom checkout DS --rows N | --version V --out DST

        Writes a standalone dataset DST holding exactly rows [0, N) of DS (or the rows of
        version V), with DS's versions up to that point; a cut inside a version ends with a
        version of exactly N rows. Whole segment files are hard-linked (copied when DST is
        on another file system) and only the segment the cut falls in is rewritten, so the
        time depends on the number of segments, not of rows. Growing DST gives the same rows
        and digests as DS at the same sizes. DS may be growing meanwhile: the checkout reads
        its last committed version. DST appears whole or not at all.

        Linked segments are checked by size only; 'paranom verify' checks their contents.

        options:
          --rows N      the number of rows to keep (ROWS, such as 100k)
          --version V   keep the rows of version V
          --out DST     the new dataset's path; it must not exist

        """

    static let verify = """
        usage: paranom verify DS [--deep] [--threads N]

        Checks the dataset and lists every problem with the file, column and rows it
        concerns: the manifest's integrity and consistency, every segment file's size and
        checksum, every block's checksum, the digests, and the scenario column against the
        events. Files that no committed version names are listed as a note (an interrupted
        grow leaves them; 'paranom repair' removes them). Exits 0 only when every check
        holds, 4 when one fails.

        options:
          --deep        also regenerate every row from the spec and compare it bit for bit
          --threads N   worker threads (default: all cores)

        """

    static let repair = """
        usage: paranom repair DS [--wait]

        Removes the files in DS/segments that no committed version names: what a grow that
        failed or was killed leaves behind (the next grow removes them too). It takes the
        write lock, so it never touches a running grow's files, and removes nothing when the
        manifest fails its integrity check. It does not mend damaged data: run
        'paranom verify' to find that.

        options:
          --wait   when another process is growing the dataset, wait for it to finish

        """

    static func text(for command: String) -> String? {
        ["init": initCommand, "grow": grow, "info": info, "export": export, "events": events, "plot": plot, "spec": spec,
         "log": log, "checkout": checkout, "verify": verify, "repair": repair, "task": task, "commit": commit][command]
    }
}
