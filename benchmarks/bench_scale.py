#!/usr/bin/env python3
"""Memory and parallel speed-up on a large tree: does peak memory stay flat as files grow?

Builds trees of 1,000 … 10,000 files (Dockerfiles and Compose files cycled from
the shared corpus, each in its own directory), lints each with ``--jobs 1`` and
``--jobs N``, and prints wall time, files per second and the peak RSS of the
largest pydocklint process (``ru_maxrss`` of the waited-for children; with
``--jobs`` that is the larger of the parent and its workers). Text output
streams file by file; JSON is a document and has to hold every finding, so it is
measured too, for comparison.

    python benchmarks/bench_scale.py [--sizes 1000,2500,5000,10000] [--jobs N] [--pydocklint PATH]

Standard library only. The trees go to a temporary directory that is removed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("../shared/corpus")
WRAPPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def sources(corpus: Path) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every corpus Dockerfile (from INDEX.tsv) and Compose file (by name)."""
    index = corpus / "dockerfiles" / "INDEX.tsv"
    if not index.is_file():
        sys.exit(f"bench_scale: {index} not found (run from the project root with ../shared beside it)")
    found = []
    for row in index.read_text(encoding="utf-8").splitlines()[1:]:
        path = corpus / "dockerfiles" / row.split("\t", 1)[0]
        if row.strip() and path.is_file():
            found.append((path.name, path.read_bytes()))
    for path in sorted((corpus / "compose").rglob("*.y*ml")):
        if path.name.startswith(("compose", "docker-compose")):
            found.append((path.name, path.read_bytes()))
    return found


def build_tree(root: Path, files: list[tuple[str, bytes]], count: int) -> None:
    for number in range(count):
        name, data = files[number % len(files)]
        directory = root / f"{number // 100:03d}" / f"{number:05d}"
        directory.mkdir(parents=True)
        (directory / name).write_bytes(data)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run."""
    start = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, int(output.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--pydocklint", default=shutil.which("pydocklint") or "pydocklint")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = sources(args.corpus)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{len(files)} corpus files cycled; {args.jobs} jobs; load {os.getloadavg()[0]:.1f}\n")
    print("| files | format | jobs | wall s | files/s | peak RSS MiB |")
    print("|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="pydocklint-scale-") as temporary:
        for size in sizes:
            root = Path(temporary) / str(size)
            build_tree(root, files, size)
            for output_format, jobs in (("text", 1), ("text", args.jobs), ("json", args.jobs)):
                wall, rss = measure([args.pydocklint, "--format", output_format, "--jobs", str(jobs), str(root)])
                print(f"| {size:,} | {output_format} | {jobs} | {wall:.1f} | {size / wall:.0f} | {rss:.1f} |",
                      flush=True)
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
