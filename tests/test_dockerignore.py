"""Docker's .dockerignore rules, including where they differ from .gitignore."""

import pytest

from pydocklint.dockerignore import IgnoreFile, clean


@pytest.mark.parametrize(("path", "cleaned"), [
    ("./a/", "a"), ("a//b", "a/b"), ("a/./b/../c", "a/c"), ("//a", "/a"), ("", "."), ("../x", "../x"),
])
def test_clean_is_gos_filepath_clean(path, cleaned):
    assert clean(path) == cleaned


def excluded(ignore_text: str, *paths: str) -> list[bool]:
    ignore = IgnoreFile.parse(ignore_text)
    return [ignore.excludes(path) for path in paths]


def test_patterns_match_the_whole_relative_path_not_the_basename():
    # The classic surprise: unlike .gitignore, *.pem only covers the context root.
    assert excluded("*.pem\n", "key.pem", "certs/key.pem") == [True, False]
    assert excluded("**/*.pem\n", "key.pem", "certs/key.pem", "a/b/c.pem") == [True, True, True]


def test_a_directory_pattern_excludes_everything_below_it():
    assert excluded("node_modules\n", "node_modules", "node_modules/x/y.js", "src/node_modules/z") == [
        True, True, False]
    assert excluded("**/node_modules\n", "src/node_modules/z") == [True]


def test_later_lines_win_and_reinclusion_works_below_an_excluded_directory():
    text = "docs\n!docs/README.md\n*.md\n!keep.md\n"
    assert excluded(text, "docs/a.txt", "docs/README.md", "x.md", "keep.md") == [True, False, True, False]


def test_star_and_question_mark_stay_in_one_segment():
    assert excluded("a/*/c\n", "a/b/c", "a/b/x/c") == [True, False]
    assert excluded("file?.txt\n", "file1.txt", "file10.txt", "file/.txt") == [True, False, False]


def test_double_star_forms():
    assert excluded("**\n", "anything/at/all") == [True]
    assert excluded("a/**\n", "a/b", "a/b/c", "a") == [True, True, False]
    assert excluded("a/**/z\n", "a/z", "a/b/z", "a/b/c/z") == [True, True, True]


def test_lines_are_cleaned_comments_and_blank_lines_skipped():
    text = "\ufeff# comment\n\n  /build/  \n./dist\n! tmp\n"
    ignore = IgnoreFile.parse(text)
    assert [(p.text, p.exclusion, p.line) for p in ignore.patterns] == [
        ("build", False, 3), ("dist", False, 4), ("tmp", True, 5)]
    assert excluded(text, "build/out.o", "dist", "tmp") == [True, True, False]


def test_character_classes_and_escapes():
    assert excluded("[ab].txt\n", "a.txt", "c.txt") == [True, False]
    assert excluded("[^ab].txt\n", "a.txt", "c.txt") == [False, True]
    assert excluded("\\*.txt\n", "*.txt", "x.txt") == [True, False]


def test_an_invalid_pattern_is_kept_with_its_error_and_matches_nothing():
    ignore = IgnoreFile.parse("[abc\nok\n")
    assert [(p.text, p.error is not None) for p in ignore.patterns] == [("[abc", True), ("ok", False)]
    assert ignore.excludes("[abc") is False and ignore.excludes("ok") is True


def test_matching_pattern_names_the_deciding_line():
    ignore = IgnoreFile.parse("*.log\nlogs\n")
    assert ignore.matching_pattern("logs/a.txt").line == 2
    assert ignore.matching_pattern("app.log").text == "*.log"
    assert ignore.matching_pattern("app.py") is None



try:
    from hypothesis import strategies as st
except ImportError:  # the strategies need the test extra
    st = None

if st is not None:
    # Used by tests/test_properties.py (check_dockerignore) and benchmarks/fuzz.py.
    _pattern_text = st.text(alphabet="ab/*?[]!^\\.# \n\t-", max_size=60)
    _paths = st.lists(st.text(alphabet="ab/.*[]", max_size=12), max_size=5)
