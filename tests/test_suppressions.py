"""Inline suppressions: ours, hadolint's and BuildKit's, and the directive they can disable (PDL010)."""

from __future__ import annotations

import textwrap

from pydocklint.engine import lint_dockerfile, select_rules
from tests.support import lint

LATEST = "PDL102"  # base-image-latest-tag, covers DL3007
MAINTAINER = "PDL201"  # maintainer-deprecated, covers DL4000 and BuildKit's MaintainerDeprecated


def found(text: str, *references: str) -> list[tuple[str, int]]:
    return [(code, line) for code, line, *_ in lint(text, *(references or (LATEST, MAINTAINER)))]


def test_without_suppressions_both_rules_fire():
    assert found("FROM python:latest\nMAINTAINER me\n") == [(LATEST, 1), (MAINTAINER, 2)]


def test_ignore_next_instruction_by_code_name_and_covered_id():
    text = """\
        # pydocklint: ignore=PDL102
        FROM python:latest
        # pydocklint: ignore=maintainer-deprecated
        MAINTAINER me
        FROM python:latest
        # pydocklint: ignore=DL4000, MaintainerDeprecated  # migrated from hadolint
        MAINTAINER me
        MAINTAINER you
        """
    assert found(text) == [(LATEST, 5), (MAINTAINER, 8)]


def test_ignore_reaches_over_blank_lines_and_other_comments_but_not_past_an_instruction():
    text = """\
        # pydocklint: ignore=PDL102

        # the base image
        FROM python:latest
        FROM python:latest
        """
    assert found(text) == [(LATEST, 5)]


def test_ignore_without_codes_silences_every_rule_on_the_next_instruction():
    assert found("# pydocklint: ignore\nFROM python:latest\nMAINTAINER me\n") == [(MAINTAINER, 3)]


def test_ignore_applies_to_every_line_of_a_continued_instruction():
    text = "FROM alpine:3.20\n# pydocklint: ignore=PDL009\nRUN echo a && \\\n\n    echo b\n"
    assert found(text, "PDL009") == []
    assert found(text.replace("# pydocklint: ignore=PDL009\n", ""), "PDL009") == [("PDL009", 3)]


def test_a_comment_inside_a_continuation_is_not_a_suppression():
    text = "FROM alpine:3.20\nRUN echo a && \\\n# pydocklint: ignore\n    echo b\nMAINTAINER me\n"
    assert found(text) == [(MAINTAINER, 5)]


def test_ignore_file_anywhere():
    text = "FROM python:latest\nMAINTAINER me\n# pydocklint: ignore-file=PDL2\n"
    assert found(text) == [(LATEST, 1)]
    assert found("FROM python:latest\n# pydocklint: ignore-file\nMAINTAINER me\n") == []


def test_hadolint_pragmas_are_honoured_case_insensitively():
    text = """\
        # hadolint ignore=dl3007,DL3008
        FROM python:latest
        FROM python:latest
        # hadolint global ignore=DL4000
        MAINTAINER me
        """
    assert found(text) == [(LATEST, 3)]


def test_hadolint_pragma_only_reads_hadolint_ids():
    assert found("# hadolint ignore=MaintainerDeprecated\nFROM alpine:3.20\nMAINTAINER me\n") == [(MAINTAINER, 3)]


def test_buildkit_check_skip_directive_silences_the_whole_file():
    text = "# check=skip=MaintainerDeprecated\nFROM python:latest\nMAINTAINER me\nMAINTAINER you\n"
    assert found(text) == [(LATEST, 2)]


def test_buildkit_skip_all_silences_only_rules_covering_buildkit_checks():
    assert found("# check=skip=all;error=true\nFROM python:latest\nMAINTAINER me\n") == [(LATEST, 2)]


def test_buildkit_check_names_are_case_sensitive_and_cut_at_the_first_space():
    assert found("# check=skip=maintainerdeprecated\nFROM alpine:3.20\nMAINTAINER me\n") == [(MAINTAINER, 3)]
    # BuildKit reads "skip=DL4000," here: the name after the space is lost.
    assert found("# check=skip=DL4000, MaintainerDeprecated\nFROM alpine:3.20\nMAINTAINER me\n") == [
        (MAINTAINER, 3)]


def test_an_invalid_check_directive_skips_nothing():
    assert found("# check=skip=MaintainerDeprecated;bogus=1\nFROM alpine:3.20\nMAINTAINER me\n") == [
        (MAINTAINER, 3)]


def test_buildkit_check_comment_above_an_instruction_applies_to_it_only():
    text = """\
        FROM alpine:3.20
        # check=skip=MaintainerDeprecated
        MAINTAINER me
        MAINTAINER you
        """
    assert found(text) == [(MAINTAINER, 4)]


def test_buildkit_uses_only_the_instructions_own_comment_block():
    # An empty "#" line ends the comment block, so BuildKit does not apply the check= comment.
    text = "FROM alpine:3.20\n# check=skip=MaintainerDeprecated\n#\nMAINTAINER me\n"
    assert found(text) == [(MAINTAINER, 4)]


def test_suppressed_findings_are_counted_and_can_be_kept():
    text = "# pydocklint: ignore\nFROM python:latest\n"
    report = lint_dockerfile(text, "Dockerfile", select_rules([LATEST]))
    assert (report.findings, report.suppressed) == ([], 1)
    kept = lint_dockerfile(text, "Dockerfile", select_rules([LATEST]), suppress=False)
    assert [f.code for f in kept.findings] == [LATEST]


def test_suppressions_in_a_file_that_does_not_parse():
    text = "# pydocklint: ignore-file=PDL001\nFROM alpine:3.20\nRUN <<EOF\necho\n"
    assert found(text, "PDL0") == []


# PDL010 suppression-before-directive

def test_suppression_before_syntax_directive_is_reported():
    text = "# hadolint global ignore=DL3008\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n"
    assert lint(text, "PDL010") == [
        ("PDL010", 2, 1, 2, 29, "Parser directive `syntax` is ignored because the suppression comment on line 1 "
                                "comes before it: move the suppression below the directives")]


def test_suppression_between_directives_disables_the_later_ones():
    text = "# syntax=docker/dockerfile:1\n# pydocklint: ignore-file=PDL102\n  # Escape=`\nFROM alpine:3.20\n"
    assert lint(text, "PDL010") == [
        ("PDL010", 3, 3, 3, 13, "Parser directive `escape` is ignored because the suppression comment on line 2 "
                                "comes before it: move the suppression below the directives")]


def test_suppression_after_directives_or_after_another_comment_is_not_reported():
    assert lint("# syntax=docker/dockerfile:1\n# hadolint ignore=DL3008\nFROM alpine:3.20\n", "PDL010") == []
    # Here the plain comment already ended the directives: not the suppression's doing.
    assert lint("# my image\n# hadolint ignore=DL3008\n# syntax=x\nFROM alpine:3.20\n", "PDL010") == []
    # A blank line ends the leading comment block.
    assert lint("# hadolint ignore=DL3008\n\n# syntax=x\nFROM alpine:3.20\n", "PDL010") == []


def test_directive_that_is_disabled_still_suppresses_nothing_file_wide():
    # The check= line after a suppression is no directive, but it is in FROM's comment block.
    text = textwrap.dedent("""\
        # pydocklint: ignore=PDL102
        # check=skip=MaintainerDeprecated
        FROM python:latest
        MAINTAINER me
        """)
    assert found(text) == [(MAINTAINER, 4)]


def test_compose_comments_silence_a_line_the_next_key_or_the_file():
    from pydocklint.compose.lint import lint_compose
    from pydocklint.engine import select_rules

    text = (
        "services:\n"
        "  web:\n"
        "    image: nginx:latest  # pydocklint: ignore=PDC302\n"
        "  db:\n"
        "    # pydocklint: ignore=image-untagged\n"
        "\n"
        "    image: postgres\n"
        "  cache:\n"
        "    image: redis\n"
        "    privileged: true # pydocklint: ignore\n"
    )
    rules = select_rules(["PDC301", "PDC302", "PDC501"])

    def found(source):
        report = lint_compose(source, "compose.yaml", rules, load_file=lambda path: None)
        assert report.errors == []
        return [(f.code, f.line) for f in report.findings], report.suppressed

    assert found(text) == ([("PDC301", 9)], 3)
    assert found("# pydocklint: ignore-file=PDC301\n" + text) == ([], 4)
