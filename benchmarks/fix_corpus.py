#!/usr/bin/env python3
"""Does ``--fix --unsafe-fixes`` ever break a file? Run it over a copy of the corpus and check.

    python benchmarks/fix_corpus.py [--corpus ../shared/corpus] [--pydocklint PATH] [--safe-only]

Copies ``dockerfiles/`` and ``compose/`` to a temporary directory, counts the
findings of every rule that has a fix, runs the fixes, and checks that each
changed Dockerfile still parses with the same number of stages and no more
parse problems, that each changed Compose file is still YAML with the same
documents, and that a second ``--fix`` changes nothing (idempotence). Prints a
table of findings per fixable rule before and after; exits 1 on a broken file.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def findings(pydocklint: str, root: Path) -> collections.Counter:
    output = subprocess.run([pydocklint, "--format", "json", "--exit-zero", str(root)], capture_output=True,
                            text=True)
    return collections.Counter(f["code"] for f in json.loads(output.stdout)["findings"])


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--pydocklint", default=shutil.which("pydocklint") or "pydocklint")
    parser.add_argument("--safe-only", action="store_true", help="--fix without --unsafe-fixes")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pydocklint.fixes import compose_still_valid, dockerfile_still_valid
    from pydocklint.rule import all_rules
    from pydocklint.source import decode

    fixable = sorted(r.code for r in all_rules() if r.fix and (r.fix == "safe" or not args.safe_only))
    flags = ["--fix"] if args.safe_only else ["--fix", "--unsafe-fixes"]
    with tempfile.TemporaryDirectory(prefix="pydocklint-fix-") as temporary:
        root = Path(temporary)
        for part in ("dockerfiles", "compose"):
            shutil.copytree(args.corpus / part, root / part, symlinks=True)
        before_files = snapshot(root)
        before = findings(args.pydocklint, root)
        subprocess.run([args.pydocklint, *flags, "--exit-zero", str(root)], capture_output=True)
        after_files = snapshot(root)
        after = findings(args.pydocklint, root)
        subprocess.run([args.pydocklint, *flags, "--exit-zero", str(root)], capture_output=True)
        again = snapshot(root)

        changed = [p for p in after_files if before_files.get(p) != after_files[p]]
        created = [p for p in after_files if p not in before_files]
        broken = []
        for path in changed:
            if path not in before_files:
                continue
            old, new = decode(before_files[path]), decode(after_files[path])
            compose = path.suffix in (".yml", ".yaml")
            if not (compose_still_valid if compose else dockerfile_still_valid)(old, new):
                broken.append(path)
        unstable = [p for p in after_files if again.get(p) != after_files[p]]
        print(f"{len(changed) - len(created)} files changed, {len(created)} created, {len(broken)} broken, "
              f"{len(unstable)} changed again by a second --fix\n")
        print("| rule | before | after |\n|---|---:|---:|")
        for code in fixable:
            print(f"| {code} | {before[code]} | {after[code]} |")
        for path in broken + unstable:
            print(f"problem: {path.relative_to(root)}")
    sys.exit(1 if broken or unstable else 0)


if __name__ == "__main__":
    main()
