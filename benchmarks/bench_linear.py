#!/usr/bin/env python3
"""Does the cost stay linear in the size of a file? Generated inputs at growing sizes.

Issue #3 asks that a Dockerfile with 1,000 ENV and 1,000 RUN instructions lints in
well under a second (hadolint takes minutes on it: it re-checks every RUN with all
earlier variables). This script generates such files, and the other inputs whose
cost the tests used to time, at sizes n (default 250, 500, 1000, 2000), and prints
a Markdown table of seconds and of the growth per doubling of n: about 2 means
linear, about 4 quadratic. One verdict line per case follows the table.

    python benchmarks/bench_linear.py [--sizes 250,500,1000,2000] [--repeat N]
                                      [--pydocklint PATH] [--hadolint PATH]
                                      [--hadolint-timeout S] [--skip-hadolint]

Standard library only; run it with the Python that has pydocklint installed, from
the project root. Exit status: 0 when done, 1 when a pydocklint run failed (exit
code 2, a traceback, an internal rule error or an exception), 2 when pydocklint
is missing. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (HADOLINT_ARGS, PYDOCKLINT_ARGS, BenchError, find_tool, parse_pydocklint,  # noqa: E402
                   run_chunks, tool_version)

DEFAULT_SIZES = "250,500,1000,2000"
HADOLINT_N = 1000
# A timed case is run --repeat times and the fastest run is kept, unless one run
# already takes this long: then it is run once (the large sizes dominate the total).
REPEAT_BELOW_S = 1.0


class Failed(Exception):
    """A pydocklint run that failed: exit code 2, a traceback or an internal rule error."""


# --------------------------------------------------------------------------- inputs


def env_run_file(n: int) -> str:
    """Issue #3's file: n times ENV then a RUN that installs a package and reads the variable."""
    return "FROM debian:12.8\n" + "".join(
        f"ENV V{i}=value{i}\nRUN apt-get update && apt-get install -y pkg{i} && echo $V{i}\n" for i in range(n))


def package_list_file(n: int) -> str:
    """The same with the package lists kept in ENV, which the package rules expand."""
    return "FROM debian:12.8\n" + "".join(
        f'ENV PKGS{i}="pkg{i}-dev pkg{i}-doc"\nRUN apt-get update && apt-get install -y $PKGS{i} && echo $PKGS{i}\n'
        for i in range(n))


def chained_env_file(n: int) -> str:
    """Each ENV built from the one before (tests/rules/test_variables_rules.py's scope-rule input)."""
    return "FROM scratch\n" + "".join(f"ENV V{i}=$V{i - 1}\nRUN echo $V{i}\n" for i in range(1, n + 1))


def stages_file(n: int) -> str:
    """n stages, each FROM a variable and copying from the one before (tests/rules/test_base_image_refs.py)."""
    return "ARG " + " ".join(f"G{i}=1" for i in range(n)) + "\n" + "".join(
        f"FROM alpine:$X{i} AS s{i}\nCOPY --from=s{max(0, i - 1)} /a /a\n" for i in range(n))


def simulator_file(n: int) -> str:
    """n ENV+RUN for the size simulator (as tests/simulate/test_size.py builds one)."""
    return "FROM alpine:3.22\n" + "".join(f"ENV V{i}=value{i}\nRUN echo {i}\n" for i in range(n))


def context_tree(root: Path, n: int) -> str:
    """A build context whose .dockerignore has n×100 patterns, the input of
    tests/test_bad_input.py's `test_a_hundred_thousand_line_dockerignore` at n = 1,000;
    return the Dockerfile's path."""
    patterns = [f"build/dir{i}/*.o" if i % 3 else f"!keep/{i}" for i in range(n * 100)]
    files = {".dockerignore": "\n".join(patterns + ["secrets/", "!src/keep.txt"]) + "\n",
             "Dockerfile": "FROM alpine:3.22\nCOPY . /app\n",
             "secrets/.env": "TOKEN=1\n",  # excluded by the next-to-last pattern
             "src/.env": "TOKEN=1\n",  # excluded by none: PDL451 reports it
             **{f"src/f{index}.txt": "x\n" for index in range(300)}}
    (root / "build" / "dir7").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text(text)
    return str(root / "Dockerfile")


# The patterns of tests/dockerfile/test_variables.py, each against a value of n×4 "a"s.
PATTERNS = ("${V#*a*a*a*a*a*c}", "${V%%*a*a*a*a*b}", "${V//*a*a*a*a*b/x}", "${V//a*c/x}", "${V//a*a/x}")


# --------------------------------------------------------------------------- the cases
# A case is a function of n that builds the input and returns `work`, which does the
# measured work once and raises Failed when the result is wrong. The factories below
# (lint_in_process, dockerignore, cli) make a case. A `work` that returns seconds has
# left its own set-up (parsing the model) out of the time.


def lint_in_process(generate):
    from pydocklint.engine import lint_dockerfile, select_rules

    rules = select_rules(())

    def case(n: int):
        text = generate(n)

        def work():
            report = lint_dockerfile(text, "Dockerfile", rules)
            if report.errors:
                raise Failed("; ".join(report.errors[:3]))
        return work
    return case


def shell_analysis(n: int):
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse
    from pydocklint.dockerfile.shell import script_of

    text = env_run_file(n)

    def work():
        dockerfile = build(parse(text), "Dockerfile")  # a new model each time: script_of caches per model
        started = time.perf_counter()
        scripts = [script_of(dockerfile, i) for i in dockerfile.instructions if i.name == "RUN"]
        if len(scripts) != n or any(s is None for s in scripts):
            raise Failed(f"{len(scripts)} RUNs analysed, not {n}")
        return time.perf_counter() - started
    return work


def size_simulator(n: int):
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse
    from pydocklint.simulate.simulator import simulate

    text = simulator_file(n)

    def work():
        dockerfile = build(parse(text), "Dockerfile")
        started = time.perf_counter()
        steps = len(simulate(dockerfile).steps)
        if steps != 2 * n + 1:
            raise Failed(f"{steps} simulated steps, not {2 * n + 1}")
        return time.perf_counter() - started
    return work


def dockerignore(tmp: Path):
    from pydocklint.engine import lint_dockerfile, select_rules

    rules = select_rules(["PDL45"])  # the build-context rules: every context file is matched

    def case(n: int):
        root = tmp / f"context-{n}"
        root.mkdir()
        path = context_tree(root, n)
        text = Path(path).read_text()

        def work():
            report = lint_dockerfile(text, path, rules, context="load")
            found = [(f.code, f.message) for f in report.findings]
            if report.errors or len(found) != 1 or found[0][0] != "PDL451" or "src/.env" not in found[0][1]:
                raise Failed(f"expected one PDL451 finding for src/.env: {report.errors or found}")
        return work
    return case


def variable_patterns(n: int):
    from pydocklint.dockerfile.variables import expand

    env = {"V": "a" * (n * 4)}

    def work():
        values = [expand(pattern, env).value for pattern in PATTERNS]
        if values != [env["V"]] * 4 + ["x"]:
            raise Failed("a pattern expanded to an unexpected value")
    return work


def cli(exe: str, generate, tmp: Path):
    def case(n: int):
        path = tmp / f"{generate.__name__}-{n}.Dockerfile"
        path.write_text(generate(n))

        def work():
            run = run_chunks([exe, *PYDOCKLINT_ARGS], [[str(path)]], tmp, tmp / "out")
            stdout = run.stdout_files[0].read_text(encoding="utf-8", errors="replace")
            if 2 in run.exit_codes or run.traceback:
                raise Failed(f"exit code {run.exit_codes[0]}: {run.stderr_head[-2000:]}")
            try:
                parse_pydocklint([stdout])
            except (ValueError, KeyError, TypeError) as exc:
                raise Failed(f"its JSON could not be read: {exc}") from None
            return run.wall_s
        return work
    return case


# --------------------------------------------------------------------------- measuring


def timed(work, repeat: int) -> float:
    """Best of `repeat` runs (one when a run takes REPEAT_BELOW_S or more). A `work` that
    returns a number has timed itself (to leave out its set-up)."""
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        own = work()
        elapsed = own if isinstance(own, float) else time.perf_counter() - started
        best = min(best, elapsed)
        if elapsed >= REPEAT_BELOW_S:
            break
    return best


def per_doubling(n1: int, t1: float, n2: int, t2: float) -> float | None:
    """How much the time grows when n doubles, between two sizes (t ∝ n^k gives 2^k)."""
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return 2 ** (math.log(t2 / t1) / math.log(n2 / n1))


def verdict(points: list[tuple[int, float]], fixed: float = 0.0) -> str:
    """Judged on the growth between the two largest sizes, where fixed costs matter least;
    `fixed` (the CLI's start-up) is taken off every time first."""
    points = [(n, t - fixed) for n, t in points]
    if len(points) < 2:
        return "one size only: no growth to judge"
    (n1, t1), (n2, t2) = points[-2:]
    growth = per_doubling(n1, t1, n2, t2)
    if growth is None:
        return "too fast to measure"
    overall = per_doubling(points[0][0], points[0][1], n2, t2)
    kind = ("linear" if growth < 2.6 else "between linear and quadratic" if growth < 3.4
            else "quadratic or worse")
    return f"{kind} (×{growth:.2f} per doubling at the top, ×{overall:.2f} over all sizes)"


def run_hadolint(exe: str, tmp: Path, timeout: float) -> str:
    """Seconds hadolint takes on issue #3's file at HADOLINT_N, or '> timeout'."""
    path = tmp / f"hadolint-{HADOLINT_N}.Dockerfile"
    path.write_text(env_run_file(HADOLINT_N))
    started = time.perf_counter()
    try:
        proc = subprocess.run([exe, *HADOLINT_ARGS, str(path)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:g}"
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        return f"{elapsed:.2f} (exit {proc.returncode})"
    return f"{elapsed:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated values of n (default {DEFAULT_SIZES})")
    ap.add_argument("--repeat", type=int, default=3,
                    help=f"runs per case and size, fastest kept (one when a run takes {REPEAT_BELOW_S:g} s or more)")
    ap.add_argument("--pydocklint", help="pydocklint executable (default: found on PATH or next to this Python)")
    ap.add_argument("--hadolint", help="hadolint executable (default: found on PATH or next to this Python)")
    ap.add_argument("--hadolint-timeout", type=float, default=300.0, help="seconds (default 300)")
    ap.add_argument("--skip-hadolint", action="store_true", help="do not run hadolint")
    args = ap.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",")})
    except ValueError:
        ap.error("--sizes takes whole numbers separated by commas")
    if args.repeat < 1 or not sizes or sizes[0] < 1:
        ap.error("--repeat and every size must be at least 1")

    try:
        import pydocklint  # noqa: F401
        exe = find_tool(args.pydocklint, "pydocklint", "Install it from the project root: pip install -e .")
    except (BenchError, ImportError) as exc:
        print(f"bench_linear.py: error: {exc}", file=sys.stderr)
        return 2
    hadolint, hadolint_note = None, None
    if args.skip_hadolint:
        hadolint_note = "hadolint: skipped (--skip-hadolint)"
    else:
        try:
            hadolint = find_tool(args.hadolint, "hadolint", "")
        except BenchError as exc:
            hadolint_note = f"hadolint: not run ({str(exc).strip().rstrip('.')}; pass --hadolint PATH)"

    load_before = os.getloadavg()[0]
    failures: list[str] = []
    results: dict[str, list[tuple[int, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="pydocklint-linear-") as temporary:
        tmp = Path(temporary)
        (tmp / "out").mkdir()
        # As bench.py: bytecode cached in a temporary directory, compiled by the warm-up run.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        # Unbuffered, the JSON writer's many small writes become as many system calls
        # (+50% at n = 1,000): measure the CLI as an ordinary shell runs it.
        os.environ.pop("PYTHONUNBUFFERED", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        cases = {
            "lint, CLI: ENV + RUN": cli(exe, env_run_file, tmp),
            "lint, CLI: $PKGS from ENV": cli(exe, package_list_file, tmp),
            "lint, in-process: ENV + RUN": lint_in_process(env_run_file),
            "lint, in-process: $PKGS from ENV": lint_in_process(package_list_file),
            "lint, in-process: ENV chained from the one before": lint_in_process(chained_env_file),
            "lint, in-process: stages copying from the one before": lint_in_process(stages_file),
            "shell analysis (script_of), n RUNs": shell_analysis,
            "size simulator, n ENV + RUN": size_simulator,
            ".dockerignore of n×100 patterns": dockerignore(tmp),
            "variable patterns, value of n×4": variable_patterns,
        }
        startup = 0.0
        try:  # the CLI's start-up: a FROM line alone, after a warm-up run that compiles the bytecode
            just_from = cases["lint, CLI: ENV + RUN"](0)
            just_from()
            startup = timed(just_from, args.repeat)
        except Failed as exc:
            failures.append(f"CLI start-up: {exc}")
        for name, case in cases.items():
            print(f"  {name} ...", file=sys.stderr, flush=True)
            results[name] = []
            at = "warm-up"
            try:
                case(1)()  # warm-up: imports, rule catalog, bytecode
                for n in sizes:
                    at = f"n={n}"
                    results[name].append((n, timed(case(n), args.repeat)))
            except Exception as exc:  # noqa: BLE001 -- any failure is reported, the other cases go on
                detail = str(exc) if isinstance(exc, Failed) else traceback.format_exc()
                failures.append(f"{name}, {at}: {detail}")
        hadolint_time = None
        if hadolint:
            print(f"  hadolint, n={HADOLINT_N} (timeout {args.hadolint_timeout:g} s) ...", file=sys.stderr, flush=True)
            hadolint_time = run_hadolint(hadolint, tmp, args.hadolint_timeout)
    load_after = os.getloadavg()[0]

    print(f"{os.cpu_count()} CPUs, {sys.platform}, Python {sys.version.split()[0]}, 1-min load average "
          f"{load_before:.1f} before / {load_after:.1f} after; best of {args.repeat} "
          f"(one run from {REPEAT_BELOW_S:g} s)\n")
    print("| case | n | seconds | × per doubling |")
    print("|---|---:|---:|---:|")
    print(f"| lint, CLI: start-up (a FROM line alone) | 0 | {startup:.3f} | - |")
    for name, points in results.items():
        for index, (n, seconds) in enumerate(points):
            growth = per_doubling(*points[index - 1], n, seconds) if index else None
            print(f"| {name} | {n:,} | {seconds:.3f} | {'-' if growth is None else f'{growth:.2f}'} |")
    if hadolint_time is not None:
        print(f"| hadolint CLI: ENV + RUN | {HADOLINT_N:,} | {hadolint_time} | - |")
    print()
    for name, points in results.items():
        cli_case = name.startswith("lint, CLI")
        print(f"- {name}: {verdict(points, startup if cli_case else 0.0)}"
              + (f", after taking off the {startup:.2f} s start-up" if cli_case else ""))
    if hadolint:
        print(f"- hadolint: {tool_version(hadolint)}, issue #3's file at n = {HADOLINT_N:,} only")
    if hadolint_note:
        print(f"- {hadolint_note}")
    issue = dict(results.get("lint, CLI: ENV + RUN", []))
    if 1000 in issue:
        print(f"\nIssue #3's file (n = 1,000): {issue[1000]:.2f} s for the whole CLI, start-up included"
              + (f"; hadolint {hadolint_time} s" if hadolint_time else "") + ".")
    if failures:
        print("\nFAILED:\n" + "\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
