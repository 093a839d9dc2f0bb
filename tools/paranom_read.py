#!/usr/bin/env python3
"""Read a Paranom dataset using only the rules in FORMAT.md.

Needs: Python 3.9+, numpy, zstandard; optional: xxhash (checksums), pandas (read_frame).

Library:
    read(path, version=None, rows=None, columns=None, codes=False) -> dict of numpy arrays
    read_frame(...)                                                -> pandas.DataFrame
    events(path, version=None)                                     -> list of event dicts (FORMAT.md §3, §5)
    digest(path, version=None)                                     -> 32 hex digits (FORMAT.md §6)

Command line:
    python3 tools/paranom_read.py DS [--version V] [--rows A:B] [--columns a,b] [--no-header] --csv
    python3 tools/paranom_read.py DS [--version V] --digest
    python3 tools/paranom_read.py DS [--version V] --events      (the CSV of `paranom events`)
"""

import json
import os
import sqlite3
import sys

import numpy as np
import zstandard

try:
    import xxhash
except ImportError:  # checksums are then skipped, and said so
    xxhash = None

FORMAT_VERSION = 1
HEADER_MAGIC = b"PNMSEG01"
TRAILER_MAGIC = b"PNMEND01"
SCENARIO_ID = 0
BUILTIN = ("t", "is_anomaly", "scenario")


class FormatError(Exception):
    pass


# ---------------------------------------------------------------- manifest


class Dataset:
    """An open dataset: the manifest's tables, read once."""

    def __init__(self, path, version=None):
        self.path = os.path.normpath(path)
        manifest = os.path.join(self.path, "manifest.sqlite")
        if not os.path.isfile(manifest):
            raise FormatError(f"{self.path} is not a Paranom dataset (no manifest.sqlite)")
        db = sqlite3.connect(f"file:{manifest}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            fv = int(meta.get("format_version", "0"))
            if fv < 1 or fv > FORMAT_VERSION:
                raise FormatError(f"format_version {fv} is not supported (this reader knows {FORMAT_VERSION})")
            self.meta = meta
            self.columns = []
            for cid, pos, name, typ, dec, cats in db.execute(
                    "SELECT id, position, name, type, decimals, categories FROM columns ORDER BY position"):
                self.columns.append({"id": cid, "position": pos, "name": name, "type": typ, "decimals": dec,
                                     "categories": json.loads(cats) if cats is not None else None})
            self.by_name = {c["name"]: c for c in self.columns if c["id"] != SCENARIO_ID}
            scen = [c for c in self.columns if c["id"] == SCENARIO_ID]
            if len(scen) != 1 or scen[0]["type"] != "scenario":
                raise FormatError("the manifest has no scenario column (id 0)")
            self.scenario_column = scen[0]
            self.variables = [c for c in self.columns if c["id"] != SCENARIO_ID]
            self.versions = {v: r for v, r in db.execute("SELECT version, rows FROM versions")}
            if not self.versions:
                raise FormatError("the manifest has no versions")
            self.version = max(self.versions) if version is None else int(version)
            if self.version not in self.versions:
                raise FormatError(f"no version {self.version} (versions 0 to {max(self.versions)})")
            self.rows = self.versions[self.version]
            blocks = {}
            for row in db.execute(
                    "SELECT b.segment_id, b.column_id, b.offset, b.length, b.raw_length, b.encoding, b.decimals,"
                    " b.base, b.width, b.reference FROM blocks b JOIN segments s ON s.id = b.segment_id"
                    " WHERE s.version <= ?", (self.version,)):
                sid, cid, off, length, raw, enc, dec, base, width, ref = row
                blocks.setdefault(sid, {})[cid] = {"offset": off, "length": length, "raw_length": raw,
                                                   "encoding": enc, "decimals": dec, "base": base,
                                                   "width": width, "reference": ref}
            self.segments = []
            expected = 0
            for sid, start, count, file, size, checksum in db.execute(
                    "SELECT id, row_start, row_count, file, bytes, checksum FROM segments"
                    " WHERE version <= ? ORDER BY row_start", (self.version,)):
                if start != expected:
                    raise FormatError(f"segment {file} starts at row {start}, expected {expected}")
                expected = start + count
                self.segments.append({"start": start, "count": count, "file": file, "bytes": size,
                                      "checksum": checksum, "blocks": blocks.get(sid, {})})
            if expected < self.rows:
                raise FormatError(f"the segments of version {self.version} end at row {expected}, "
                                  f"before its {self.rows} rows")
            self.events = [{"index": idx, "start": start, "end": min(start + length, self.rows),
                            "length": min(start + length, self.rows) - start, "scenario": scenario,
                            "cut": start + length > self.rows}
                           for idx, start, length, scenario in db.execute(
                               "SELECT idx, start, length, scenario FROM events WHERE start < ? ORDER BY start",
                               (self.rows,))]
        finally:
            db.close()
        self.checksums_verified = xxhash is not None
        self._dctx = zstandard.ZstdDecompressor()

    # ------------------------------------------------------------ segments

    def load(self, segment):
        path = os.path.join(self.path, "segments", segment["file"])
        with open(path, "rb") as f:
            data = f.read()
        if len(data) != segment["bytes"]:
            raise FormatError(f"{path}: {len(data)} bytes, the manifest says {segment['bytes']}")
        if xxhash is not None:
            got = xxhash.xxh64_hexdigest(data, seed=0)
            if got != segment["checksum"].lower():
                raise FormatError(f"{path}: XXH64 {got}, the manifest says {segment['checksum']}")
        if len(data) < 24 or data[:8] != HEADER_MAGIC or data[-8:] != TRAILER_MAGIC:
            raise FormatError(f"{path}: not a Paranom segment file (bad header or trailer)")
        footer_length = int.from_bytes(data[-16:-8], "little")
        footer = json.loads(data[len(data) - 16 - footer_length:len(data) - 16].decode("utf-8"))
        if footer.get("format") != 1 or footer.get("rowStart") != segment["start"] \
                or footer.get("rowCount") != segment["count"]:
            raise FormatError(f"{path}: the footer does not match the manifest")
        return data

    def decode_block(self, data, segment, column_id):
        """The values of one column for all rows of a loaded segment (FORMAT.md §4)."""
        block = segment["blocks"].get(column_id)
        if block is None:
            raise FormatError(f"{segment['file']}: no block for column {column_id}")
        n, width, off, length = segment["count"], block["width"], block["offset"], block["length"]
        if width not in (0, 1, 2, 4, 8) or off < 8 or length <= 0 or off + length > len(data) - 16 \
                or block["raw_length"] != n * width:
            raise FormatError(f"{segment['file']}: block of column {column_id} is out of bounds or the wrong size")
        frame = data[off:off + length]
        params = zstandard.get_frame_parameters(frame)
        if params.content_size != block["raw_length"]:
            raise FormatError(f"{segment['file']}: block of column {column_id}: frame size header does not match")
        raw = self._dctx.decompress(frame, max_output_size=max(1, block["raw_length"]))
        if len(raw) != block["raw_length"]:
            raise FormatError(f"{segment['file']}: block of column {column_id} decompressed to {len(raw)} bytes")
        # Unshuffle: plane j holds byte j of every value.
        if width == 0:
            u = np.zeros(n, dtype=np.uint64)
        else:
            planes = np.frombuffer(raw, dtype=np.uint8).reshape(width, n)
            wide = np.zeros((n, 8), dtype=np.uint8)
            wide[:, :width] = planes.T
            u = wide.reshape(-1).view("<u8").astype(np.uint64, copy=False)
        enc = block["encoding"]
        if enc == "f64":
            if width != 8:
                raise FormatError(f"{segment['file']}: f64 block of width {width}")
            return u.view(np.float64)
        if enc not in ("for", "delta"):
            raise FormatError(f"{segment['file']}: unknown encoding {enc!r}")
        base = np.uint64(block["base"] & 0xFFFF_FFFF_FFFF_FFFF)
        with np.errstate(over="ignore"):
            v = u + base  # wrapping u64
            if enc == "delta" and n > 0:
                v[0] = np.uint64(block["reference"] & 0xFFFF_FFFF_FFFF_FFFF)
                v = np.cumsum(v, dtype=np.uint64)  # wrapping running sum
        ints = v.view(np.int64)
        if block["decimals"] is not None:
            scale = 1.0
            for _ in range(int(block["decimals"])):
                scale *= 10.0
            return ints.astype(np.float64) / scale
        return ints

    def pieces(self, lo, hi):
        for seg in self.segments:
            a, b = max(seg["start"], lo), min(seg["start"] + seg["count"], hi)
            if a < b:
                yield seg, a - seg["start"], b - seg["start"]

    def decoded_pieces(self, lo, hi, ids):
        """Like pieces, with the wanted rows of each needed column decoded: (seg, a, b, {id: values})."""
        for seg, a, b in self.pieces(lo, hi):
            stored = {}
            if ids:
                data = self.load(seg)
                stored = {cid: self.decode_block(data, seg, cid)[a:b] for cid in ids}
            yield seg, a, b, stored

    def resolve_rows(self, rows):
        if rows is None:
            return 0, self.rows
        if isinstance(rows, slice):
            lo, hi = rows.start, rows.stop
        elif isinstance(rows, range):
            lo, hi = rows.start, rows.stop
        else:
            lo, hi = rows
        lo = 0 if lo is None else int(lo)
        hi = self.rows if hi is None else int(hi)
        if lo < 0 or hi > self.rows or lo > hi:
            raise FormatError(f"rows {lo}:{hi} are outside version {self.version}, which has {self.rows} rows")
        return lo, hi

    def resolve_columns(self, columns):
        names = [c for c in BUILTIN[:1]] + [c["name"] for c in self.variables] + list(BUILTIN[1:])
        if columns is None:
            return names
        if isinstance(columns, str):
            columns = columns.split(",")
        columns = list(columns)
        if not columns:
            raise FormatError("give at least one column")
        for name in columns:
            if name not in names:
                raise FormatError(f"unknown column {name!r} (columns: {', '.join(names)})")
        return columns

    def needed_ids(self, names):
        ids = []
        for name in names:
            cid = SCENARIO_ID if name in ("is_anomaly", "scenario") else \
                self.by_name[name]["id"] if name != "t" else None
            if cid is not None and cid not in ids:
                ids.append(cid)
        return ids


# ---------------------------------------------------------------- library


def _columns_of(ds, names, start, count, stored, codes):
    out = {}
    scen = ds.scenario_column
    for name in names:
        if name == "t":
            out[name] = np.arange(start, start + count, dtype=np.int64)
        elif name == "is_anomaly":
            out[name] = stored[SCENARIO_ID] != 0
        elif name == "scenario":
            c = stored[SCENARIO_ID]
            out[name] = c if codes else np.asarray(scen["categories"], dtype=object)[c]
        else:
            col = ds.by_name[name]
            v = stored[col["id"]]
            if col["type"] == "float64":
                v = v if v.dtype == np.float64 else v.astype(np.float64)
            elif col["type"] == "bool":
                v = v if codes else v != 0
            elif col["type"] == "category" and not codes:
                v = np.asarray(col["categories"], dtype=object)[v]
            out[name] = v
    return out


def read(path, version=None, rows=None, columns=None, codes=False):
    """Reads rows [A, B) of a version (the latest by default) as a dict of numpy arrays.

    rows: None, (A, B), slice(A, B) or range(A, B). columns: names among t, the variables,
    is_anomaly, scenario (default all, in export order). codes=True returns category and
    scenario codes (int64) and bools as 0/1 int64 instead of strings and booleans."""
    ds = Dataset(path, version)
    lo, hi = ds.resolve_rows(rows)
    names = ds.resolve_columns(columns)
    parts = {name: [] for name in names}
    ids = ds.needed_ids(names)
    for seg, a, b, stored in ds.decoded_pieces(lo, hi, ids):
        for name, v in _columns_of(ds, names, seg["start"] + a, b - a, stored, codes).items():
            parts[name].append(v)
    if not any(parts.values()) and names:
        empty = {cid: np.zeros(0, np.int64) for cid in ids}
        return _columns_of(ds, names, lo, 0, empty, codes)
    return {name: np.concatenate(parts[name]) for name in names}


def read_frame(path, version=None, rows=None, columns=None, codes=False):
    """Like read(), as a pandas DataFrame (pandas must be installed)."""
    import pandas as pd
    return pd.DataFrame(read(path, version, rows, columns, codes))


def events(path, version=None):
    """The anomaly events of a version (the latest by default), in row order, cut at its end:
    dicts with index, start, end (exclusive), length, scenario and cut (True when the event
    continues past the version's end)."""
    return Dataset(path, version).events


# ---------------------------------------------------------------- digest (FORMAT.md §6)

_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)


def _mix(x):
    x = x ^ (x >> _S33)
    x = x * _M1
    x = x ^ (x >> _S33)
    x = x * _M2
    return x ^ (x >> _S33)


def digest_of(column_id, start, values):
    """(high, low) of one column's values for rows from `start` (numpy float64 or int64)."""
    with np.errstate(over="ignore"):
        bits = values.view(np.uint64) if values.dtype in (np.float64, np.int64) else values.astype(np.int64).view(np.uint64)
        salt = np.uint64(column_id) * np.uint64(0xC2B2AE3D27D4EB4F)
        r = np.arange(start, start + len(values), dtype=np.int64).view(np.uint64)
        key = _mix(r * np.uint64(0x9E3779B97F4A7C15) + salt)
        x = bits ^ key
        high = int(np.sum(_mix(x), dtype=np.uint64))
        low = int(np.sum(_mix(x + np.uint64(0x632BE59BD9B4E019)), dtype=np.uint64))
    return high, low


def digest(path, version=None):
    """The digest of a version's rows, computed from the decoded values."""
    ds = Dataset(path, version)
    high = low = 0
    ids = [c["id"] for c in ds.columns]
    for seg, a, b in ds.pieces(0, ds.rows):
        data = ds.load(seg)
        for cid in ids:
            v = ds.decode_block(data, seg, cid)[a:b]
            h, l = digest_of(cid, seg["start"] + a, v)
            high, low = (high + h) & 0xFFFF_FFFF_FFFF_FFFF, (low + l) & 0xFFFF_FFFF_FFFF_FFFF
    return f"{high:016x}{low:016x}"


# ---------------------------------------------------------------- CSV (FORMAT.md §5)

_TWO53 = float(2 ** 53)


def format_double(x):
    """Swift's Double.description: shortest round-trip digits, FORMAT.md §5 layout."""
    r = repr(x)  # shortest round-trip digits; layout differs from §5 only for 2^53 < |x| < 1e16
    if not (_TWO53 < abs(x) < 1e16):
        return r
    sign = "-" if r[0] == "-" else ""
    digits = r.lstrip("-")
    if digits.endswith(".0"):
        digits = digits[:-2]
    exponent = len(digits) - 1
    digits = digits.rstrip("0")
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mantissa}e+{exponent:02d}"


def csv_field(text):
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _format_column(ds, name, start, count, stored):
    if name == "t":
        return list(map(str, range(start, start + count)))
    if name == "is_anomaly":
        return np.where(stored[SCENARIO_ID] != 0, "1", "0").tolist()
    if name == "scenario":
        table = [csv_field(s) for s in ds.scenario_column["categories"]]
        return [table[c] for c in stored[SCENARIO_ID].tolist()]
    col = ds.by_name[name]
    v = stored[col["id"]]
    if col["type"] == "float64":
        v = v.astype(np.float64, copy=False)
        text = list(map(repr, v.tolist()))
        for i in np.nonzero((np.abs(v) > _TWO53) & (np.abs(v) < 1e16))[0].tolist():
            text[i] = format_double(float(v[i]))
        return text
    if col["type"] == "bool":
        return np.where(v != 0, "1", "0").tolist()
    if col["type"] == "category":
        table = [csv_field(s) for s in col["categories"]]
        return [table[c] for c in v.tolist()]
    return list(map(str, v.tolist()))


def write_csv(path, out, version=None, rows=None, columns=None, header=True):
    ds = Dataset(path, version)
    lo, hi = ds.resolve_rows(rows)
    names = ds.resolve_columns(columns)
    if not ds.checksums_verified:
        print("paranom_read: xxhash is not installed; segment checksums were NOT verified", file=sys.stderr)
    if header:
        out.write((",".join(names) + "\n").encode("utf-8"))
    ids = ds.needed_ids(names)
    for seg, a, b, stored in ds.decoded_pieces(lo, hi, ids):
        cols = [_format_column(ds, name, seg["start"] + a, b - a, stored) for name in names]
        lines = "\n".join(map(",".join, zip(*cols)))
        out.write((lines + "\n").encode("utf-8"))
    return ds


# ---------------------------------------------------------------- command line


def _parse_count(text):
    text = text.replace("_", "")
    scale = 1
    if text and text[-1] in "kKMG":
        scale = {"k": 1000, "K": 1000, "M": 10 ** 6, "G": 10 ** 9}[text[-1]]
        text = text[:-1]
    whole, _, frac = text.partition(".")
    value = int(whole) * scale
    if frac:
        num = int(frac) * scale
        if num % 10 ** len(frac):
            raise ValueError(f"{text} is not a whole number of rows")
        value += num // 10 ** len(frac)
    return value


def _parse_range(text):
    lo, sep, hi = text.partition(":")
    if not sep:
        raise ValueError(f"--rows takes A:B, not {text!r}")
    return (_parse_count(lo) if lo else None, _parse_count(hi) if hi else None)


def main(argv):
    import argparse
    p = argparse.ArgumentParser(description="Read a Paranom dataset (FORMAT.md) without Paranom.")
    p.add_argument("dataset")
    p.add_argument("--version", type=int)
    p.add_argument("--rows", help="A:B, either side may be empty; suffixes k, M, G")
    p.add_argument("--columns", help="comma-separated names")
    p.add_argument("--no-header", action="store_true")
    p.add_argument("--csv", action="store_true", help="print the rows as CSV, as paranom export does")
    p.add_argument("--digest", action="store_true", help="print the version's digest computed from the values")
    p.add_argument("--events", action="store_true", help="print the version's events as CSV, as paranom events does")
    args = p.parse_args(argv)
    try:
        if args.digest:
            ds = Dataset(args.dataset, args.version)
            if not ds.checksums_verified:
                print("paranom_read: xxhash is not installed; segment checksums were NOT verified", file=sys.stderr)
            print(digest(args.dataset, args.version))
        elif args.events:
            out = ["start,end,length,scenario"]
            out += [f"{e['start']},{e['end']},{e['length']},{csv_field(e['scenario'])}" for e in events(args.dataset, args.version)]
            sys.stdout.write("\n".join(out) + "\n")
        elif args.csv:
            rows = _parse_range(args.rows) if args.rows else None
            columns = args.columns.split(",") if args.columns is not None else None
            write_csv(args.dataset, sys.stdout.buffer, args.version, rows, columns, header=not args.no_header)
            sys.stdout.buffer.flush()
        else:
            ds = Dataset(args.dataset, args.version)
            print(f"{ds.path}: version {ds.version}, {ds.rows} rows, {len(ds.segments)} segments, "
                  f"columns: {', '.join(ds.resolve_columns(None))}")
            print("(give --csv to print rows, --events for the events, --digest for the digest)")
    except (FormatError, ValueError, OSError, zstandard.ZstdError) as e:
        print(f"paranom_read: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
