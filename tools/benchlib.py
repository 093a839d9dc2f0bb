"""Shared helpers of the benchmark programs in tools/ (bench-grow, bench): the release build,
row counts, measured child processes, the Paranom command line, uniqueness variants of a
spec, and a description of the machine. Standard library only, so that the programs run
with the system's python3.

Figures are wall-clock seconds of whole child processes (perf_counter around fork and
wait4) and their peak resident memory (ru_maxrss of that child alone).
"""
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWIFT_BIN = "/opt/swift/usr/bin"
ENV = dict(os.environ, PATH=SWIFT_BIN + ":" + os.environ.get("PATH", ""))

_SCALE = {"k": 10 ** 3, "K": 10 ** 3, "M": 10 ** 6, "G": 10 ** 9}


def parse_rows(text):
    """A row count as the command line takes it: 100000, 100k, 2.5M, 1G."""
    text = text.strip().replace("_", "")
    if text and text[-1] in _SCALE:
        value = float(text[:-1]) * _SCALE[text[-1]]
        if value != int(value):
            raise ValueError(f"{text} is not a whole number of rows")
        return int(value)
    return int(text)


def rows_text(n):
    """A row count in the short form the command line reads back: 1M, 2.5M, 100k, 1234."""
    for suffix, scale in (("G", 10 ** 9), ("M", 10 ** 6), ("k", 10 ** 3)):
        if n >= scale and (n * 10) % scale == 0:
            whole = n / scale
            return f"{whole:g}{suffix}"
    return str(n)


def die(message):
    """Stops the program with a message nobody can miss."""
    bar = "!" * 78
    print(f"\n{bar}\n{message}\n{bar}", file=sys.stderr)
    sys.exit(1)


class Measured:
    """The outcome of one child process: seconds (wall clock), user_seconds and
    system_seconds (its CPU time, all threads), peak_bytes (its maximum resident set),
    returncode, stdout and stderr (text)."""

    def __init__(self, seconds, usage, returncode, stdout, stderr):
        self.seconds, self.returncode = seconds, returncode
        self.user_seconds, self.system_seconds = usage.ru_utime, usage.ru_stime
        self.peak_bytes = usage.ru_maxrss * 1024
        self.stdout, self.stderr = stdout, stderr


def measure(argv, check=True, env=None, cwd=None):
    """Runs argv to completion and returns its Measured. With check (the default) a non-zero
    exit stops the benchmark, printing the command and what it wrote to stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env or ENV, cwd=cwd)
        # wait4 rather than Popen.wait: it gives this child's own peak memory.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Measured(seconds, usage, child.returncode,
                          out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
    if check and result.returncode != 0:
        die(f"command failed with exit code {result.returncode}:\n  {' '.join(map(str, argv))}\n"
            f"{result.stderr.strip() or result.stdout.strip()}")
    return result


def build_release(portable=False, product="paranom"):
    """Builds the paranom executable (or another product) in release mode with
    tools/build-release and returns its path: tuned for this machine's processor, or with
    portable for any machine (the same values either way)."""
    env = dict(ENV, PARANOM_PORTABLE="1" if portable else "0")
    return subprocess.run([os.path.join(ROOT, "tools", "build-release"), product], check=True, env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, text=True).stdout.strip()


class Paranom:
    """The paranom command line of one build. Every call is measured; `log` collects the
    command lines run, for the report."""

    def __init__(self, binary):
        self.binary = binary
        self.log = []

    def run(self, *args, check=True):
        argv = [self.binary, *map(str, args)]
        self.log.append(argv)
        return measure(argv, check=check)

    def commands(self):
        """The command names `paranom help` lists (init, grow, info, export, spec, help, ...)."""
        text = measure([self.binary, "help"]).stdout
        names, inside = set(), False
        for line in text.splitlines():
            if line.strip() == "commands:":
                inside = True
            elif inside and line.startswith("  ") and line.strip():
                names.add(line.split()[0])
            elif inside:
                inside = False
        return names

    def help(self, command):
        return measure([self.binary, "help", command]).stdout

    def init(self, dataset, spec):
        shutil.rmtree(dataset, ignore_errors=True)
        return self.run("init", dataset, "--spec", spec)

    def grow(self, dataset, to=None, by=None, threads=None):
        args = ["grow", dataset] + (["--to", to] if to is not None else ["--by", by])
        return self.run(*args, *(["--threads", threads] if threads else []))

    def export(self, dataset, out, rows=None, version=None, threads=None):
        args = ["export", dataset, "--out", out]
        args += ["--rows", rows] if rows else []
        args += ["--version", version] if version is not None else []
        args += ["--threads", threads] if threads else []
        return self.run(*args)

    def info(self, dataset):
        return json.loads(measure([self.binary, "info", dataset, "--json"]).stdout)


def with_uniqueness(spec_path, key, out_path):
    """Writes a copy of a spec with uniqueness on the given key variables: soft (5 tries)
    for normal rows, hard (50 tries) for anomalous ones. Returns out_path."""
    with open(spec_path) as f:
        spec = json.load(f)
    spec["uniqueness"] = {"key": list(key), "normal": {"mode": "soft", "tries": 5},
                          "anomalous": {"mode": "hard", "tries": 50}}
    with open(out_path, "w") as f:
        json.dump(spec, f)
    return out_path


def git_revision():
    """The commit of the work tree, with "+changes" when it has uncommitted changes."""
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return head + ("+changes" if dirty else "")


def machine():
    """One line about this machine: CPU model, cores, memory, OS, and the load when asked."""
    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2 ** 30:.0f} GiB memory"
    except (ValueError, OSError):
        pass
    load = ", load average %.2f %.2f %.2f at the start" % os.getloadavg()
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}{load}"


def today():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
