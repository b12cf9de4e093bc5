"""Every rule is self-describing, and its own examples prove it: the bad one fires, the good one does not."""

import re

import pytest

from pydocklint.context import context_from_files
from pydocklint.engine import lint_dockerfile
from pydocklint.rule import all_rules, find_rule

RULES = all_rules()


def test_codes_and_names_are_unique_and_well_formed():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for r in RULES:
        assert re.fullmatch(r"PDC\d{3}" if r.kind == "compose" else r"PDL\d{3}", r.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name)
        assert r.summary and not r.summary.endswith(".")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docs_have_every_section(rule):
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in rule.docs, f"{rule.code} docs lack {heading!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_fires_and_good_example_is_quiet(rule):
    bad, good = rule.examples()
    assert bad and good
    if rule.kind == "compose":
        return _check_compose_examples(rule, bad, good)
    context = context_from_files(rule.example_context) if rule.example_context is not None else None
    settings = _example_settings(rule)
    bad_report = lint_dockerfile(bad, "Dockerfile", (rule,), context=context, settings=settings)
    good_report = lint_dockerfile(good, "Dockerfile", all_rules(), context=context, settings=settings)
    assert bad_report.errors == [] and good_report.errors == []
    assert [f.code for f in bad_report.findings] and {f.code for f in bad_report.findings} == {rule.code}
    # The good example is clean for every rule, not just this one: docs must not teach other mistakes.
    assert [(f.code, f.line, f.message) for f in good_report.findings] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_declared_fix_fixes_the_bad_example(rule):
    """A rule that declares a fix attaches it, of that safety, and fixing the bad example silences the rule."""
    from pydocklint.fixes import compose_still_valid, dockerfile_still_valid, fix_text

    bad, _ = rule.examples()
    if rule.kind == "compose":
        from pydocklint.compose.lint import lint_compose

        load_file = dict(rule.example_context or ()).get
        lint, valid = (lambda text: lint_compose(text, "compose.yaml", (rule,), load_file=load_file)), \
            compose_still_valid
    else:
        context = context_from_files(rule.example_context) if rule.example_context is not None else None
        settings = _example_settings(rule)
        lint, valid = (lambda text: lint_dockerfile(text, "Dockerfile", (rule,), context=context,
                                                    settings=settings)), dockerfile_still_valid
    fixes = [f.fix for f in lint(bad).findings if f.fix is not None]
    if rule.fix is None:
        assert fixes == [], f"{rule.code} attaches fixes but declares none (fix=...)"
        return
    assert fixes and {f.safe for f in fixes} == {rule.fix == "safe"}
    if any(f.edits for f in fixes):
        outcome = fix_text(bad, lint, unsafe=True, still_valid=valid)
        assert outcome.findings == [], f"{rule.code}: the fixed bad example still has findings"


def _check_compose_examples(rule, bad, good):
    """Compose rules' examples are ```yaml blocks; the files beside them come from ``example_context``."""
    from pydocklint.compose.lint import lint_compose

    load_file = dict(rule.example_context or ()).get
    bad_report = lint_compose(bad, "compose.yaml", (rule,), load_file=load_file)
    good_report = lint_compose(good, "compose.yaml", all_rules(), load_file=load_file)
    assert bad_report.errors == [] and good_report.errors == []
    assert [f.code for f in bad_report.findings] and {f.code for f in bad_report.findings} == {rule.code}
    assert [(f.code, f.line, f.message) for f in good_report.findings] == []


def _example_settings(rule):
    """A rule that reads configuration shows it in a ```toml block of its Example section."""
    match = re.search(r"```toml\n(.*?)```", rule.docs.partition("## Example")[2], re.DOTALL)
    if not rule.options or match is None:
        return None
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    from pydocklint.config import settings_from_table

    return settings_from_table(tomllib.loads(match.group(1)), "docs")


def test_rules_are_found_by_code_name_and_covered_id():
    assert find_rule("PDL102").name == "base-image-latest-tag"
    assert find_rule("pdl102").code == "PDL102"
    assert find_rule("base-image-latest-tag").code == "PDL102"
    assert find_rule("DL3007").code == "PDL102"
    assert find_rule("MaintainerDeprecated").code == "PDL201"
    assert find_rule("nonexistent") is None


def test_docs_rules_md_is_generated_from_the_rules():
    from pydocklint.rule import rules_reference
    from tests.support import REPO

    assert (REPO / "docs" / "rules.md").read_text() == rules_reference(RULES), \
        "regenerate with: pydocklint rules --format markdown > docs/rules.md"


def test_every_hadolint_rule_has_an_equivalent_or_a_reason_and_the_map_is_current():
    import importlib.util

    from tests.support import REPO, SHARED

    if not (SHARED / "docs" / "hadolint-rules.tsv").is_file():
        pytest.skip("../shared not present: hadolint's rule list unavailable")
    spec = importlib.util.spec_from_file_location("hadolint_parity", REPO / "scripts" / "hadolint_parity.py")
    parity = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parity)
    assert (REPO / "docs" / "hadolint.md").read_text() == parity.render(), \
        "regenerate with: python scripts/hadolint_parity.py"
