"""Every Dockerfile in the shared corpora lints without an internal error in any rule."""

import pytest

from pydocklint.discover import Target, discover
from pydocklint.engine import lint_dockerfile, select_rules
from pydocklint.source import SourceError, read_source
from tests.support import SHARED


def test_no_rule_fails_on_any_corpus_dockerfile():
    if not SHARED.is_dir():
        pytest.skip("../shared not present: corpus unavailable")
    rules = select_rules()
    linted, failures = 0, []
    for target in discover([str(SHARED / "corpus")]):
        if not isinstance(target, Target) or target.kind != "dockerfile":
            continue
        try:
            text = read_source(target.path)
        except SourceError:
            continue
        report = lint_dockerfile(text, target.path, rules)
        linted += 1
        failures.extend(f"{target.path}: {message}" for message in report.errors)
    assert linted >= 2720
    assert failures == []
