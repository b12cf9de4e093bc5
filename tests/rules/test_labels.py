"""LABEL rules (PDL800-PDL802)."""

from tests.support import lint

# --- PDL800 label-key-format ------------------------------------------------------------------------------------


def test_each_bad_key_is_reported_at_the_key():
    text = """
        FROM alpine:3.20
        LABEL "Foo"=bar ok="x y" \\
          com.docker.c=d
        LABEL a_=1 a..b=2 1abc=3 a@b=4 $UNKNOWN=5
    """
    assert lint(text, "PDL800") == [
        ("PDL800", 2, 7, 2, 12, "Label key 'Foo' should be lower-case: foo"),
        ("PDL800", 3, 3, 3, 15, "Label key 'com.docker.c' uses the namespace com.docker. that Docker reserves: "
                                "use your own, e.g. com.example."),
        ("PDL800", 4, 7, 4, 9, "Label key 'a_' should end with a lower-case letter or a digit"),
        ("PDL800", 4, 12, 4, 16, "Label key 'a..b' should not repeat '.' or '-'"),
        ("PDL800", 4, 19, 4, 23, "Label key '1abc' should start with a lower-case letter"),
        ("PDL800", 4, 26, 4, 29, "Label key 'a@b' should only contain lower-case letters, digits, '.', '-', '_' "
                                 "and '/'"),
    ]


def test_good_keys_legacy_form_and_known_variables():
    text = """
        FROM alpine:3.20
        ARG NS=com.example
        LABEL org.opencontainers.image.title=app a_b=1 a/b=2 x=3 v1=4
        LABEL maintainer value with spaces
        LABEL ${NS}.team=platform
    """
    assert lint(text, "PDL800") == []
    assert [c[:3] for c in lint("FROM alpine:3.20\nARG K=Team\nLABEL $K=x\n", "PDL800")] == [("PDL800", 3, 7)]


def test_runlabel_keys_are_accepted():
    assert lint("FROM alpine:3.20\nLABEL RUN='podman run -d IMAGE' INSTALL=x UNINSTALL=y\n", "PDL800") == []


def test_onbuild_labels_are_not_checked():
    assert lint("FROM alpine:3.20\nONBUILD LABEL Bad=1\n", "PDL800") == []


# --- PDL801 oci-label-key / PDL802 oci-label-unknown-key --------------------------------------------------------


def test_label_schema_and_bare_keys_get_their_oci_key():
    text = "FROM alpine:3.20\nLABEL org.label-schema.vcs-url=x Version=2 maintainer=me description=d\n"
    assert lint(text, "PDL801") == [
        ("PDL801", 2, 7, 2, 31, "Label org.label-schema.vcs-url has a standard OCI key: set "
                                "org.opencontainers.image.source too (registries and scanners read that one)"),
        ("PDL801", 2, 34, 2, 41, "Label Version has a standard OCI key: set org.opencontainers.image.version too "
                                 "(registries and scanners read that one)"),
        ("PDL801", 2, 58, 2, 69, "Label description has a standard OCI key: set "
                                 "org.opencontainers.image.description too (registries and scanners read that one)"),
    ]


def test_keys_whose_oci_equivalent_is_set_are_fine():
    text = "FROM alpine:3.20\nLABEL version=1.2 org.opencontainers.image.version=1.2\n"
    assert lint(text, "PDL801") == []


def test_files_without_labels_are_never_asked_for_any():
    assert lint("FROM alpine:3.20\nCMD [\"sh\"]\n", "PDL801", "PDL802") == []


def test_unknown_oci_keys_get_the_closest_defined_one():
    text = """
        FROM alpine:3.20
        LABEL org.opencontainers.image.licence=MIT org.opencontainers.image.repository=r
        LABEL org.opencontainers.image.foo=3 org.opencontainers.image.ref.name=1.0
    """
    assert lint(text, "PDL802") == [
        ("PDL802", 2, 7, 2, 39, "org.opencontainers.image.licence is not an OCI annotation key: did you mean "
                                "org.opencontainers.image.licenses?"),
        ("PDL802", 2, 44, 2, 79, "org.opencontainers.image.repository is not an OCI annotation key: did you mean "
                                 "org.opencontainers.image.source?"),
        ("PDL802", 3, 7, 3, 35, "org.opencontainers.image.foo is not an OCI annotation key: the defined keys are "
                                "created, authors, url, documentation, source, version, revision, vendor, licenses, "
                                "ref.name, title, description, base.digest, base.name"),
    ]


# --- PDL810 label-schema-missing / PDL811 label-schema-value ----------------------------------------------------

SCHEMA = {
    "org.opencontainers.image.source": "url", "org.opencontainers.image.created": "rfc3339",
    "org.opencontainers.image.version": "semver", "org.opencontainers.image.revision": "hash",
    "org.opencontainers.image.licenses": "spdx", "org.opencontainers.image.authors": "email",
    "org.opencontainers.image.title": "text",
}  # fmt: skip


def schema_lint(text, *references, **table):
    from textwrap import dedent

    from pydocklint.config import settings_from_table
    from pydocklint.engine import lint_dockerfile, select_rules

    settings = settings_from_table({"label-schema": SCHEMA, **table}, "test")
    report = lint_dockerfile(dedent(text).lstrip("\n"), "Dockerfile", select_rules(references), settings=settings)
    assert report.errors == []
    return [(f.code, f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings]


GOOD_LABELS = """
    FROM alpine:3.20 AS build
    FROM alpine:3.20 AS base
    LABEL org.opencontainers.image.source="https://github.com/example/app" \\
          org.opencontainers.image.created=2024-05-01T12:00:00+02:00 \\
          org.opencontainers.image.version=2.0.0-rc.1+build.5 \\
          org.opencontainers.image.revision=0123abc \\
          org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0" \\
          org.opencontainers.image.authors=team@example.com
    FROM base
    LABEL org.opencontainers.image.title="anything at all"
"""


def test_schema_rules_do_nothing_without_a_schema():
    assert lint("FROM alpine:3.20\nLABEL org.opencontainers.image.created=yesterday\n", "PDL810", "PDL811") == []


def test_labels_matching_the_schema_through_inheritance_are_fine():
    assert schema_lint(GOOD_LABELS, "PDL810", "PDL811", rules={"PDL810": {"strict-labels": True}}) == []


def test_missing_schema_labels_are_reported_at_the_final_from():
    text = """
        FROM alpine:3.20 AS build
        LABEL org.opencontainers.image.source=https://example.com/a
        FROM alpine:3.20
        LABEL org.opencontainers.image.title=app other=1
    """
    assert schema_lint(text, "PDL810") == [
        ("PDL810", 3, 6, 3, 17, "The final image lacks the labels org.opencontainers.image.source, "
                                "org.opencontainers.image.created, org.opencontainers.image.version, "
                                "org.opencontainers.image.revision, org.opencontainers.image.licenses, "
                                "org.opencontainers.image.authors that the label schema requires: add LABEL "
                                "org.opencontainers.image.source=<value>"),
    ]
    strict = schema_lint(text, "PDL810", rules={"PDL810": {"strict-labels": True}})
    assert strict[1:] == [
        ("PDL810", 4, 42, 4, 47, "Label other is not in the label schema (strict-labels is on): remove it or add "
                                 "it to the schema"),
    ]


def test_each_bad_value_is_reported_at_the_value():
    text = """
        FROM alpine:3.20
        LABEL org.opencontainers.image.source=github.com/example/app
        LABEL org.opencontainers.image.created="2024-05-01 12:00"
        LABEL org.opencontainers.image.version=v1.2
        LABEL org.opencontainers.image.revision=0123ab
        LABEL org.opencontainers.image.licenses="Apache 2.0"
        LABEL org.opencontainers.image.authors="Team <team@example.com>"
        LABEL org.opencontainers.image.title=""
        LABEL org.opencontainers.image.version=$VERSION unrelated=x
    """
    assert schema_lint(text, "PDL811") == [
        ("PDL811", 2, 39, 2, 61, "Label org.opencontainers.image.source = 'github.com/example/app' is not an "
                                 "absolute URL (e.g. https://github.com/example/app)"),
        ("PDL811", 3, 40, 3, 58, "Label org.opencontainers.image.created = '2024-05-01 12:00' is not an RFC 3339 "
                                 "timestamp (e.g. 2024-05-01T12:00:00Z)"),
        ("PDL811", 4, 40, 4, 44, "Label org.opencontainers.image.version = 'v1.2' is not a semantic version "
                                 "(e.g. 1.4.2)"),
        ("PDL811", 5, 41, 5, 47, "Label org.opencontainers.image.revision = '0123ab' is not a 7- or 40-character "
                                 "Git commit hash"),
        ("PDL811", 6, 41, 6, 53, "Label org.opencontainers.image.licenses = 'Apache 2.0' is not an SPDX licence "
                                 "expression (e.g. MIT, Apache-2.0 OR MIT)"),
        ("PDL811", 7, 40, 7, 65, "Label org.opencontainers.image.authors = 'Team <team@example.com>' is not an "
                                 "email address"),
        ("PDL811", 8, 38, 8, 40, "Label org.opencontainers.image.title is empty: the label schema requires a value"),
    ]
