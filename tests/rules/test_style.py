"""PDL201 maintainer-deprecated and PDL202 inconsistent-instruction-casing."""

from tests.support import lint


def test_maintainer_spans_the_instruction():
    assert lint("FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n", "PDL201") == [
        ("PDL201", 2, 1, 2, 39, 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors="..." instead'),
    ]


def test_minority_case_keywords_are_reported():
    text = """
        FROM alpine:3.20
        run echo a
        Copy . /app
        CMD ["true"]
    """
    assert lint(text, "PDL202") == [
        ("PDL202", 2, 1, 2, 4, "Instruction 'run' should be upper-case like the rest of the file (RUN)"),
        ("PDL202", 3, 1, 3, 5, "Instruction 'Copy' should be upper-case like the rest of the file (COPY)"),
    ]


def test_lower_case_majority_wins_and_global_args_do_not_count():
    text = """
        ARG V=1
        from alpine:3.20
        run echo a
        COPY . /app
    """
    assert lint(text, "PDL202") == [
        ("PDL202", 4, 1, 4, 5, "Instruction 'COPY' should be lower-case like the rest of the file (copy)"),
    ]


def test_a_tie_goes_to_upper_case():
    assert lint("FROM alpine:3.20\nrun echo a\n", "PDL202") == [
        ("PDL202", 2, 1, 2, 4, "Instruction 'run' should be upper-case like the rest of the file (RUN)"),
    ]


def test_onbuild_counts_only_its_own_keyword():
    assert lint("FROM alpine:3.20\nONBUILD run echo a\n", "PDL202") == []
