"""The peers' side of tools/bench: runs inside the benchmark's virtual environment (where
GutenTAG, pyarrow, pylance, deltalake and duckdb are installed) and measures one thing per
call. tools/bench runs it as a child process:

    python bench_peers.py TASK ARGS_JSON RESULT_FILE

and reads the result (JSON) from RESULT_FILE. Times are measured here, around the peer's
own calls only (not the interpreter's start nor the imports); peak memory is the child's,
measured by the caller. The rows the peers store are Paranom's own rows, read from a
dataset with tools/paranom_read.py (FORMAT.md), so every tool holds the same values.
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

CHUNK = 1_000_000  # rows read from Paranom and handed to a peer at a time

# The distributions whose versions the report lists: the peers, then what they run on.
DISTRIBUTIONS = ["timeeval-gutentag", "pyarrow", "pylance", "deltalake", "duckdb",
                 "numpy", "pandas", "zstandard", "xxhash"]


def versions(_args):
    from importlib import metadata
    out = {name: metadata.version(name) for name in DISTRIBUTIONS}
    out["python"] = sys.version.split()[0]
    return out


# ---------------------------------------------------------------- generation (GutenTAG)


def gutentag_config(rows, channels, anomalies):
    """GutenTAG's side of Fixtures/specs/gutentag8.json: `channels` sine channels of period
    1000 rows (GutenTAG samples 100 points per second, so frequency 0.1 Hz), amplitude 1,
    normal noise of standard deviation 0.1 (variance × amplitude), and `anomalies` mean
    shifts of 0.8 lasting 100 rows, one per channel in turn, spread evenly over the run."""
    return {"timeseries": [{
        "name": "sine8", "length": rows, "channels": channels,
        "base-oscillation": {"kind": "sine", "frequency": 0.1, "amplitude": 1.0, "variance": 0.1},
        "anomalies": [{"exact-position": int((i + 0.5) * rows / anomalies), "length": 100,
                       "channel": i % channels, "kinds": [{"kind": "mean", "offset": 0.8}]}
                      for i in range(anomalies)],
    }]}


def gutentag(args):
    """Generates in memory (a pandas DataFrame, as GutenTAG returns it) or, with csv_dir, to
    GutenTAG's CSV output."""
    os.environ["TQDM_DISABLE"] = "1"
    from gutenTAG import GutenTAG
    config = gutentag_config(args["rows"], args["channels"], args["anomalies"])
    csv_dir = args.get("csv_dir")
    start = time.perf_counter()
    generator = GutenTAG.from_dict(config, seed=args["seed"])
    result = generator.generate(return_timeseries=csv_dir is None, output_folder=csv_dir)
    seconds = time.perf_counter() - start
    out = {"seconds": seconds}
    if csv_dir is None:
        frame = result[0].timeseries
        out["rows"], out["anomalous_rows"] = len(frame), int(frame["is_anomaly"].sum())
    else:
        path = os.path.join(csv_dir, "sine8", "test.csv")
        out["rows"], out["csv_bytes"] = args["rows"], os.path.getsize(path)
    return out


# ---------------------------------------------------------------- Paranom's rows as Arrow


class Rows:
    """Paranom's rows of one dataset as Arrow tables: the variables as float64 and the
    scenario as a string, null for normal rows (so that the CSV writers print an empty
    field, as `paranom export` does, rather than a quoted empty string); with_export also t
    (int64) and is_anomaly (int8), the columns `paranom export` prints."""

    def __init__(self, dataset):
        import paranom_read
        self.dataset = dataset
        ds = paranom_read.Dataset(dataset)
        self.variables = [c["name"] for c in ds.variables]
        if any(c["type"] != "float64" for c in ds.variables):
            raise SystemExit("bench_peers: only float64 variables are supported (gutentag8.json has them)")
        self.categories = list(ds.scenario_column["categories"])

    def table(self, lo, hi, with_export=False):
        import numpy as np
        import pyarrow as pa
        import paranom_read
        data = paranom_read.read(self.dataset, rows=(lo, hi), columns=self.variables + ["scenario"], codes=True)
        codes = data["scenario"].astype(np.int32)
        scenario = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes == 0),
                                                  pa.array(self.categories)).cast(pa.string())
        columns, names = [pa.array(data[v]) for v in self.variables], list(self.variables)
        if with_export:
            columns = [pa.array(np.arange(lo, hi, dtype=np.int64))] + columns + [pa.array((codes != 0).astype(np.int8))]
            names = ["t"] + names + ["is_anomaly"]
        return pa.Table.from_arrays(columns + [scenario], names=names + ["scenario"])

    def batches(self, lo, hi, with_export=False):
        """A RecordBatchReader over rows [lo, hi), read CHUNK rows at a time."""
        import pyarrow as pa
        first = self.table(lo, min(hi, lo + CHUNK), with_export)

        def chunks():
            yield from first.to_batches()
            for a in range(lo + CHUNK, hi, CHUNK):
                yield from self.table(a, min(hi, a + CHUNK), with_export).to_batches()
        return pa.RecordBatchReader.from_batches(first.schema, chunks())


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


# ---------------------------------------------------------------- storage


def storage(args):
    """Stores the dataset's rows as Parquet (zstd at the given level, with and without
    BYTE_STREAM_SPLIT for the floats) and as a Lance dataset, and writes the Parquet file
    the export benchmark reads (the export columns). Returns each one's bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import lance
    rows = Rows(args["dataset"])
    n, level = args["rows"], args["zstd_level"]
    table = pa.concat_tables([rows.table(a, min(n, a + CHUNK)) for a in range(0, n, CHUNK)])
    pq.write_table(table, args["parquet"], compression="zstd", compression_level=level)
    pq.write_table(table, args["parquet_bss"], compression="zstd", compression_level=level,
                   use_dictionary=["scenario"], column_encoding={v: "BYTE_STREAM_SPLIT" for v in rows.variables})
    lance.write_dataset(table, args["lance"])
    del table
    with pq.ParquetWriter(args["export_parquet"], rows.table(0, 1, True).schema, compression="zstd",
                          compression_level=level) as writer:
        for a in range(0, n, CHUNK):
            writer.write_table(rows.table(a, min(n, a + CHUNK), True))
    return {name: size_of(args[name]) for name in ("parquet", "parquet_bss", "lance")}


# ---------------------------------------------------------------- export


def _slice_filter(args):
    lo, hi = args.get("lo"), args.get("hi")
    return None if lo is None else [("t", ">=", lo), ("t", "<", hi)]


def export_pyarrow(args):
    """Reads the rows from Parquet and writes CSV with pyarrow's writer."""
    import pyarrow.csv as csv
    import pyarrow.parquet as pq
    start = time.perf_counter()
    table = pq.read_table(args["parquet"], filters=_slice_filter(args))
    csv.write_csv(table, args["out"], csv.WriteOptions(quoting_style="needed"))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": table.num_rows, "bytes": os.path.getsize(args["out"])}


def export_duckdb(args):
    """DuckDB's COPY (SELECT ... FROM read_parquet(...)) TO '...csv'."""
    import duckdb
    where = "" if args.get("lo") is None else f" WHERE t >= {int(args['lo'])} AND t < {int(args['hi'])}"
    sql = f"COPY (SELECT * FROM read_parquet('{args['parquet']}'){where}) TO '{args['out']}' (HEADER, DELIMITER ',')"
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(sql)
    seconds = time.perf_counter() - start
    rows = con.execute(f"SELECT count(*) FROM read_csv('{args['out']}')").fetchone()[0]
    return {"seconds": seconds, "rows": rows, "bytes": os.path.getsize(args["out"]), "sql": sql}


# ---------------------------------------------------------------- growth and time travel


def _median_seconds(action, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def grow_peers(args):
    """Appends the dataset's rows to a Delta table and a Lance dataset in the steps of
    `schedule` ([lo, hi, timed] each; every step is one commit, one version), timing the
    append call of the timed steps (the rows are read from Paranom before the clock
    starts). Then opens the version whose row count is `checkout_rows` by time travel, and
    reads its rows into memory, each the median of three tries."""
    import deltalake
    import lance
    rows = Rows(args["dataset"])
    delta_path, lance_path = args["delta"], args["lance"]
    out = {"delta": [], "lance": [], "delta_version": None, "lance_version": None}
    for lo, hi, timed in args["schedule"]:
        if timed:
            table = rows.table(lo, hi)
            start = time.perf_counter()
            deltalake.write_deltalake(delta_path, table, mode="append")
            middle = time.perf_counter()
            lance.write_dataset(table, lance_path, mode="append" if os.path.exists(lance_path) else "create")
            end = time.perf_counter()
            out["delta"].append({"existing": lo, "rows": hi - lo, "seconds": middle - start})
            out["lance"].append({"existing": lo, "rows": hi - lo, "seconds": end - middle})
        else:
            deltalake.write_deltalake(delta_path, rows.batches(lo, hi), mode="append")
            lance.write_dataset(rows.batches(lo, hi), lance_path,
                                mode="append" if os.path.exists(lance_path) else "create")
        delta_version = deltalake.DeltaTable(delta_path).version()
        lance_version = lance.dataset(lance_path).version
        if hi == args["checkout_rows"]:
            out["delta_version"], out["lance_version"] = delta_version, lance_version
    want = args["checkout_rows"]
    if out["delta_version"] is None:
        raise SystemExit(f"bench_peers: no step of the schedule ends at {want} rows")
    dv, lv = out["delta_version"], out["lance_version"]
    got = (deltalake.DeltaTable(delta_path, version=dv).to_pyarrow_table().num_rows,
           lance.dataset(lance_path, version=lv).count_rows())
    if got != (want, want):
        raise SystemExit(f"bench_peers: time travel found {got} rows, not {want}")
    out["delta_open"] = _median_seconds(lambda: deltalake.DeltaTable(delta_path, version=dv))
    out["delta_read"] = _median_seconds(lambda: deltalake.DeltaTable(delta_path, version=dv).to_pyarrow_table())
    out["lance_open"] = _median_seconds(lambda: lance.dataset(lance_path, version=lv))
    out["lance_read"] = _median_seconds(lambda: lance.dataset(lance_path, version=lv).to_table())
    out["delta_bytes"], out["lance_bytes"] = size_of(delta_path), size_of(lance_path)
    return out


TASKS = {"versions": versions, "gutentag": gutentag, "storage": storage, "export-pyarrow": export_pyarrow,
         "export-duckdb": export_duckdb, "grow-peers": grow_peers}

if __name__ == "__main__":
    task, arguments, result_file = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    result = TASKS[task](arguments)
    with open(result_file, "w") as f:
        json.dump(result, f)
