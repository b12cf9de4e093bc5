"""Baselines: record today's findings so that only new ones fail (for adopting pydocklint in an old repository).

A finding is keyed on its path, its rule code and a fingerprint of the text of
the instruction it is on (whitespace-normalised, line numbers left out), so
edits elsewhere in the file, which move the instruction up or down, do not
make it new. Identical keys are counted: if the baseline holds two and the run
finds three, one is new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

from pydocklint.findings import Finding

VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint(text: str) -> str:
    """A stable hash of an instruction's text: runs of whitespace count as one space."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _key(finding: Finding, fingerprint_: str) -> tuple[str, str, str]:
    return (finding.path.replace(os.sep, "/"), finding.code, fingerprint_)


def write_baseline(findings: Sequence[Finding], fingerprints: Sequence[str], stream: TextIO) -> None:
    counts = Counter(_key(f, p) for f, p in zip(findings, fingerprints))
    entries = [{"path": path, "code": code, "fingerprint": digest, "count": count}
               for (path, code, digest), count in sorted(counts.items())]
    from pydocklint.emit import write_json_document

    write_json_document({"version": VERSION, "tool": "pydocklint", "findings": entries}, stream, ensure_ascii=True)


def read_baseline(path: str) -> Counter:
    """The keys the baseline file records, with their counts."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {document.get('version')!r}")
        return Counter({(e["path"], e["code"], e["fingerprint"]): int(e.get("count", 1))
                        for e in document["findings"]})
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"{path}: not a pydocklint baseline file ({type(error).__name__}: {error})") from None


def unbaselined(findings: Iterable[tuple[Finding, str]], known: Counter) -> list[tuple[Finding, str]]:
    """The (finding, fingerprint) pairs the baseline does not account for."""
    remaining = Counter(known)
    kept = []
    for finding, digest in findings:
        key = _key(finding, digest)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append((finding, digest))
    return kept
