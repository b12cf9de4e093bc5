#!/usr/bin/env python3
"""Speed of pydocklint against dclint on the shared Compose corpus.

Standard library only. Run from the project root:

    python benchmarks/bench_compose.py [--corpus ../shared/corpus/compose] [--repeat N]
                                       [--dclint PATH] [--skip-dclint] [--via-cli] [--json FILE]

Each tool lints every Compose file of the corpus in one process (startup and imports
included, as a user would run it); the median of N timed runs is reported for each, then
the ratio of their throughputs. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = "../shared/corpus/compose"
# The corpus MANIFEST's definition of a Compose file (dclint's directory-discovery pattern).
COMPOSE_NAME = re.compile(r"^(docker-)?compose[^/]*\.ya?ml$")


class BenchError(Exception):
    """A problem that stops the benchmark; printed without a traceback, exit 2."""


def corpus_files(corpus: Path) -> list[str]:
    if not corpus.is_dir():
        raise BenchError(f"corpus not found: {corpus} (pass --corpus DIR)")
    files = sorted(str(path.relative_to(corpus)) for path in corpus.rglob("*")
                   if path.is_file() and COMPOSE_NAME.match(path.name))
    if not files:
        raise BenchError(f"no Compose files under {corpus}")
    return files


def driver(files: list[str]) -> int:
    """Lint files with pydocklint's Compose linter in this process; print a JSON summary."""
    from pydocklint.compose.lint import lint_compose
    from pydocklint.rule import all_rules

    rules = all_rules()
    findings = errors = 0
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as handle:
            report = lint_compose(handle.read(), name, rules)
        findings += len(report.findings)
        errors += len(report.errors)
    print(json.dumps({"files": len(files), "findings": findings, "errors": errors}))
    return 0


def timed(command: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall time, CPU time (user + system of the child) and the result of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def find_dclint(explicit: str | None, keep: list[tempfile.TemporaryDirectory]) -> str | None:
    if explicit:
        return explicit
    found = shutil.which("dclint")
    if found:
        return found
    npm = shutil.which("npm")
    if npm is None:
        return None
    directory = tempfile.TemporaryDirectory(prefix="dclint-")
    keep.append(directory)
    print("installing dclint with npm into", directory.name, file=sys.stderr)
    result = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "dclint"],
                            cwd=directory.name, capture_output=True, text=True)
    binary = Path(directory.name) / "node_modules" / ".bin" / "dclint"
    if result.returncode != 0 or not binary.exists():
        print(f"npm install dclint failed:\n{result.stderr[-2000:]}", file=sys.stderr)
        return None
    return str(binary)


def measure(name: str, command: list[str], corpus: Path, repeat: int) -> dict:
    print(f"{name}: 1 warm-up + {repeat} timed runs", file=sys.stderr)
    timed(command, corpus)
    seconds, cpu_seconds, last = [], [], None
    for _ in range(repeat):
        elapsed, cpu, last = timed(command, corpus)
        seconds.append(elapsed)
        cpu_seconds.append(cpu)
    return {"tool": name, "runs": seconds, "median": statistics.median(seconds), "cpu_runs": cpu_seconds,
            "cpu_median": statistics.median(cpu_seconds),
            "returncode": last.returncode, "stdout_tail": last.stdout[-300:], "stderr_tail": last.stderr[-600:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dclint-repeat", type=int, default=1, help="timed dclint runs (it is slow); default 1")
    parser.add_argument("--dclint")
    parser.add_argument("--skip-dclint", action="store_true")
    parser.add_argument("--via-cli", action="store_true",
                        help="run `pydocklint --format json FILES` instead of the in-process driver")
    parser.add_argument("--json")
    parser.add_argument("--driver", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.driver is not None:
        return driver(args.driver)
    try:
        corpus = Path(args.corpus).resolve()
        files = corpus_files(corpus)
        keep: list[tempfile.TemporaryDirectory] = []
        if args.via_cli:
            executable = shutil.which("pydocklint") or str(Path(sys.executable).with_name("pydocklint"))
            ours = [executable, "--format", "json", *files]
        else:
            ours = [sys.executable, str(Path(__file__).resolve()), "--driver", *files]
        results = [measure("pydocklint", ours, corpus, args.repeat)]
        if not args.skip_dclint:
            dclint = find_dclint(args.dclint, keep)
            if dclint is None:
                print("dclint not found and npm unavailable: measuring pydocklint alone", file=sys.stderr)
            else:
                results.append(measure("dclint", [dclint, "-f", "json", *files], corpus, args.dclint_repeat))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Compose corpus: {len(files)} files ({corpus}); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"{'tool':<12} {'wall s':>8} {'files/s':>9} {'CPU s':>8} {'files/CPU s':>12}")
    for result in results:
        result["files_per_second"] = len(files) / result["median"]
        result["files_per_cpu_second"] = len(files) / max(result["cpu_median"], 1e-9)
        print(f"{result['tool']:<12} {result['median']:>8.2f} {result['files_per_second']:>9.1f} "
              f"{result['cpu_median']:>8.2f} {result['files_per_cpu_second']:>12.1f}")
    if len(results) == 2:
        ratio = results[0]["files_per_second"] / results[1]["files_per_second"]
        cpu_ratio = results[0]["files_per_cpu_second"] / results[1]["files_per_cpu_second"]
        print(f"pydocklint / dclint throughput: {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU (target: >= 20x)")
    failed = "Traceback" in results[0]["stderr_tail"] or results[0]["returncode"] not in (0, 1)
    if failed:
        print(f"warning: pydocklint failed:\n{results[0]['stderr_tail']}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({"files": len(files), "results": results}, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
