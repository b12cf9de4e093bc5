"""BuildKit's variable substitution (shell/lex.go behaviour), see docs/buildkit-grammar.md §8."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pydocklint.dockerfile.variables import (
    Expansion,
    ExpansionError,
    Reference,
    expand,
    expand_words,
    references,
)

ENV = {
    "SET": "value",
    "EMPTY": "",
    "FILE": "hello.world.txt",
    "PATHV": "/usr/local/bin/tool",
    "STARS": "a*b?c",
    "P": "443 8080",
    "A": "a",
    "B": "b",
}


def value(word: str, env=ENV, escape: str = "\\") -> str:
    return expand(word, env, escape=escape).value


# ---------------------------------------------------------------------------
# Modifiers


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # ${v:-w}: w when unset or empty
        ("${SET:-d}", "value"),
        ("${EMPTY:-d}", "d"),
        ("${UNSET:-d}", "d"),
        # ${v-w}: w when unset
        ("${SET-d}", "value"),
        ("${EMPTY-d}", ""),
        ("${UNSET-d}", "d"),
        # ${v:+w}: w when set and non-empty
        ("${SET:+w}", "w"),
        ("${EMPTY:+w}", ""),
        ("${UNSET:+w}", ""),
        # ${v+w}: w when set
        ("${SET+w}", "w"),
        ("${EMPTY+w}", "w"),
        ("${UNSET+w}", ""),
        # ${v:?m} / ${v?m} when they do not fail
        ("${SET:?m}", "value"),
        ("${SET?m}", "value"),
        ("${EMPTY?m}", ""),
        # an empty modifier word
        ("${UNSET:-}", ""),
        ("${SET:+}", ""),
        # plain forms
        ("$SET", "value"),
        ("${SET}", "value"),
        ("${UNSET}", ""),
        ("x${SET}y$SET.z", "xvaluey" + "value.z"),
    ],
)
def test_default_and_alternative_modifiers(word, expected):
    assert value(word) == expected


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("${EMPTY:?m}", "EMPTY: m"),
        ("${UNSET:?m}", "UNSET: m"),
        ("${UNSET?m}", "UNSET: m"),
        ("${UNSET?}", "UNSET: is not allowed to be unset"),
        ("${UNSET:?}", "UNSET: is not allowed to be unset"),
        ("${EMPTY:?}", "EMPTY: is not allowed to be empty"),
        ("${UNSET:?two words}", "UNSET: two words"),
        ("${UNSET:?$SET}", "UNSET: value"),
    ],
)
def test_required_modifiers_fail_with_the_message(word, message):
    with pytest.raises(ExpansionError) as raised:
        expand("ab" + word, ENV)
    assert str(raised.value) == message
    assert raised.value.offset == 2


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("${FILE%.*}", "hello.world"),
        ("${FILE%%.*}", "hello"),
        ("${FILE#*.}", "world.txt"),
        ("${FILE##*.}", "txt"),
        ("${PATHV##*/}", "tool"),
        ("${PATHV#*/}", "usr/local/bin/tool"),
        ("${PATHV%/*}", "/usr/local/bin"),
        ("${PATHV%%/*}", ""),
        ("${FILE#hello}", ".world.txt"),
        ("${FILE%.txt}", "hello.world"),
        ("${FILE#nomatch}", "hello.world.txt"),
        ("${FILE%nomatch}", "hello.world.txt"),
        ("${FILE%.t?t}", "hello.world"),
        ("${FILE#?}", "ello.world.txt"),
        ("${FILE##?}", "ello.world.txt"),
        ("${FILE#*}", "hello.world.txt"),  # shortest match of * is empty
        ("${FILE##*}", ""),
        ("${FILE%*}", "hello.world.txt"),
        ("${FILE%%*}", ""),
        ("${FILE#}", "hello.world.txt"),
        ("${FILE#[h]}", "hello.world.txt"),  # no bracket classes: [h] is literal text
        ("${UNSET#x}", ""),
        ("${EMPTY%%*}", ""),
        ("${STARS#a\\*}", "b?c"),  # \* and \? are literal
        ("${STARS%\\?c}", "a*b"),
        ("${STARS#a?}", "b?c"),
        ("${FILE#$SET}", "hello.world.txt"),  # the pattern is expanded first
        ("${FILE%.${UNSET:-txt}}", "hello.world"),
        # replacement: first match, or all of them; patterns match the longest text
        ("${FILE/o/0}", "hell0.world.txt"),
        ("${FILE//o/0}", "hell0.w0rld.txt"),
        ("${FILE/l*o/X}", "heXrld.txt"),
        ("${FILE//?/x}", "x" * 15),
        ("${FILE/nomatch/x}", "hello.world.txt"),
        ("${FILE/.world/}", "hello.txt"),
        ("${FILE//o/$SET}", "hellvalue.wvaluerld.txt"),
        ("${UNSET/a/b}", ""),
        ("${PATHV//\\//:}", ":usr:local:bin:tool"),  # \/ is a literal / in the pattern
        ("${STARS//\\*/-}", "a-b?c"),
        ("${PATHV/\\}/x}", "/usr/local/bin/tool"),  # \} is a literal } in the pattern
        ("${B///x}", "xbx"),  # an empty pattern matches everywhere
        ("${FILE//*/x}", "x"),  # no second replacement of the empty match at the end
        ("${FILE/a}/x}", "hello.world.txt"),  # the pattern runs to the next /, even past }
    ],
)
def test_pattern_modifiers(word, expected):
    assert value(word) == expected


def test_replace_all_interprets_dollar_zero_but_replace_first_does_not():
    # Inferred: BuildKit uses Go's ReplaceAllString for // (which expands $0, $$ in the
    # replacement) but splices the replacement in as is for /.
    env = {"V": "foo", "R": "<$0$$>"}
    assert value("${V//o/$R}", env) == "f<o$><o$>"
    assert value("${V/o/$R}", env) == "f<$0$$>o"


def test_replacement_keeps_escapes_like_buildkit():
    # The replacement is read with escapes kept, exactly as the pattern is.
    assert value("${B/b/x\\}y}") == "x\\}y"


@pytest.mark.parametrize(
    ("word", "message", "offset"),
    [
        ("${FILE#\\x}", "invalid pattern (\\x) in substitution: invalid escape '\\x'", 0),
        ("a${FILE/\\a/b}", "invalid pattern (\\a) in substitution: invalid escape '\\a'", 1),
    ],
)
def test_invalid_pattern_escape(word, message, offset):
    with pytest.raises(ExpansionError) as raised:
        expand(word, ENV)
    assert (str(raised.value), raised.value.offset) == (message, offset)


# ---------------------------------------------------------------------------
# Nesting and lookups


@pytest.mark.parametrize(
    ("word", "env", "expected", "unmatched", "referenced"),
    [
        ("${X:-${Y:-x}}", {}, "x", {"X", "Y"}, {"X", "Y"}),
        ("${X:-${Y:-x}}", {"Y": "y"}, "y", {"X"}, {"X", "Y"}),
        # the modifier word is expanded even when it is not used: Y is still looked up
        ("${X:-${Y:-x}}", {"X": "a"}, "a", {"Y"}, {"X", "Y"}),
        ("${X:+${Y}}", {"X": "a"}, "", {"Y"}, {"X", "Y"}),
        ("${X:+$Y}", {}, "", {"X", "Y"}, {"X", "Y"}),
        ("${X:-d}", {}, "d", {"X"}, {"X"}),
        ("${X-d}", {"X": ""}, "", set(), {"X"}),
        ("$X$Y", {"Y": "y"}, "y", {"X"}, {"X", "Y"}),
        ("'$X'", {}, "$X", set(), set()),
        ("\\$X", {}, "$X", set(), set()),
        ("plain", {}, "plain", set(), set()),
        ("${X:-${Y:-${Z:-deep}}}", {}, "deep", {"X", "Y", "Z"}, {"X", "Y", "Z"}),
        ("${X:-a${Y:-b}c}", {}, "abc", {"X", "Y"}, {"X", "Y"}),
        ("${X##${Y:-*}/}", {"X": "a/b/c"}, "c", {"Y"}, {"X", "Y"}),
    ],
)
def test_nesting_and_recorded_lookups(word, env, expected, unmatched, referenced):
    assert expand(word, env) == Expansion(expected, frozenset(unmatched), frozenset(referenced))


def test_modifier_word_errors_even_when_unused():
    # BuildKit evaluates the word eagerly, so ${X:?...} inside it fails although X is set.
    with pytest.raises(ExpansionError, match="^Y: no$"):
        expand("${X:-${Y:?no}}", {"X": "set"})


# ---------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("word", "env", "expected", "referenced"),
    [
        ("$12", {"1": "one", "12": "twelve"}, "twelve", {"12"}),
        ("$1x", {"1": "one"}, "onex", {"1"}),
        ("he$1x", {}, "hex", {"1"}),
        ("$01", {"01": "z"}, "z", {"01"}),
        ("$0a", {"0": "zero"}, "zeroa", {"0"}),
        ("$@", {"@": "all"}, "all", {"@"}),
        ("$@x", {}, "x", {"@"}),
        ("$$", {}, "", {"$"}),
        ("$$x", {"$": "pid"}, "pidx", {"$"}),
        ("$*$#$?$-$!", {}, "", {"*", "#", "?", "-", "!"}),
        ("${#}", {"#": "3"}, "3", {"#"}),
        ("${@:-d}", {}, "d", {"@"}),
        ("${--d}", {}, "d", {"-"}),  # the name is "-", the modifier "-"
        ("$", {}, "$", set()),
        ("a$", {}, "a$", set()),
        ("$.", {}, "$.", set()),
        ("he$.x", {}, "he$.x", set()),
        ("$ x", {}, "$ x", set()),
        ("$/", {}, "$/", set()),
        ("$%", {}, "$%", set()),
        ('$"q"', {}, "$q", set()),
        ("$'q'", {}, "$q", set()),
        ("$A.b", {"A": "a"}, "a.b", {"A"}),
        ("$A-b", {"A": "a"}, "a-b", {"A"}),
        ("$_A1", {"_A1": "u"}, "u", {"_A1"}),
        ("$éa", {"éa": "acute"}, "acute", {"éa"}),  # Unicode letters are name characters
        ("$Aé/x", {}, "/x", {"Aé"}),
        ("$a٣", {"a٣": "arabic digit"}, "arabic digit", {"a٣"}),  # Unicode decimal digits too
        ("$a²", {}, "²", {"a"}),  # but not other numerals
        ("$名前", {"名前": "name"}, "name", {"名前"}),
        ("${+x}", {}, "", {""}),  # an empty name with a modifier is looked up as ""
        ("\ufeff$A", {"A": "a"}, "a", {"A"}),  # Go's scanner drops a leading BOM
    ],
)
def test_variable_names(word, env, expected, referenced):
    expansion = expand(word, env)
    assert expansion.value == expected
    assert expansion.referenced == frozenset(referenced)


# ---------------------------------------------------------------------------
# Quotes and escapes


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hello", "hello"),
        ("he'll'o", "hello"),
        ("he\\'llo", "he'llo"),
        ("abc\\tdef", "abctdef"),  # outside quotes the escape escapes anything
        ('"abc\\tdef"', "abc\\tdef"),  # inside "..." only ", $ and itself
        ('"abc\\\\tdef"', "abc\\tdef"),
        ("'abc\\tdef'", "abc\\tdef"),
        ("hello\\", "hello"),  # a trailing escape is dropped
        ("hello\\\\", "hello\\"),
        ("'hello\\'", "hello\\"),
        ('"hel\'lo"', "hel'lo"),
        ('"\'\'"', "''"),
        ("'\"hello\"'", '"hello"'),
        ('"a\\"b"', 'a"b'),
        ('"a\\$SET"', "a$SET"),
        ('"a\\b"', "a\\b"),
        ("a\\ b", "a b"),
        ("\\$SET", "$SET"),
        ("\\\\$SET", "\\value"),
        ('"\\\\$SET"', "\\value"),
        ("\\${}", "${}"),
        ("\\${}aaa", "${}aaa"),
        ("'$SET'", "$SET"),
        ("'\\$SET'", "\\$SET"),
        ('"$SET"', "value"),
        ('"he\'$SET\'"', "he'value'"),
        ('"${SET}x"', "valuex"),
        ('a"b c"\'d e\'f', "ab cd ef"),
        ('""', ""),
        ("''", ""),
        ('"${UNSET:-"q"}"', "q"),  # quotes nest inside a modifier word inside quotes
        ("${UNSET:-'}'}", "}"),  # a quoted } does not end the modifier word
        ('${UNSET:-"a b"}', "a b"),
        ("${UNSET:-a\\}b}", "a}b"),  # nor does an escaped one
        ("${UNSET:-\\$SET:}", "$SET:"),
        ("he${XXX:-\\${SET}z}xx", "he${SETz}xx"),  # the escaped ${ is text; the first } ends the word
        ("${SET:+${SET}:}", "value:"),
        ("안녕'하'세요", "안녕하세요"),
        ("안녕\\'하세요", "안녕'하세요"),
    ],
)
def test_quotes_and_backslash_escape(word, expected):
    assert value(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("a`$SET", "a$SET"),
        ("a`'b", "a'b"),
        ('"a`"b"', 'a"b'),
        ('"a``b"', "a`b"),
        ('"a`b"', "a`b"),
        ("a\\b", "a\\b"),  # the backslash is plain text
        ("c:\\app\\", "c:\\app\\"),
        ('"C:\\path\\$SET"', "C:\\path\\value"),
        ("C:\\$SET", "C:\\value"),
        ("a`", "a"),
        ("``", "`"),
        ("a` b", "a b"),
        ("${UNSET:-a`}b}", "a}b"),
        ("${FILE#hello`.}", "hello.world.txt"),  # the escape is kept in a pattern, where it is text
        ("${STARS#a\\*}", "b?c"),  # the pattern's own \* still works
    ],
)
def test_backtick_escape(word, expected):
    assert value(word, escape="`") == expected


# ---------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    ("word", "message", "offset"),
    [
        ("${}", "syntax error: bad substitution", 0),
        ("${}xx", "syntax error: bad substitution", 0),
        ("he${}", "syntax error: bad substitution", 2),
        ("x${:-a}", "syntax error: bad substitution", 1),
        ("${:}", "syntax error: bad substitution", 0),
        ("${{a}}", "syntax error: bad substitution", 0),
        ("${", "syntax error: missing '}'", 0),
        ("${a", "syntax error: missing '}'", 0),
        ("he${PWD", "syntax error: missing '}'", 2),
        ("${a:", "syntax error: missing '}'", 0),
        ("${a:-b", "syntax error: missing '}'", 0),
        ("${a:}", "syntax error: missing '}'", 0),  # ":}" is read as a modifier; its word runs on
        ("x${a:-${b}", "syntax error: missing '}'", 1),
        ("x${a:-${b:-${c", "syntax error: missing '}'", 1),  # the outermost open ${ is reported
        ('${a:-"b}', "syntax error: missing '}'", 0),  # any error at the end inside ${ is this one
        ("${a:-'b}", "syntax error: missing '}'", 0),
        ("${a:-${b?}", "syntax error: missing '}'", 0),
        ("${a/b}", "syntax error: missing '/' in ${}", 0),
        ("${a//b}", "syntax error: missing '/' in ${}", 0),
        ("${a/b/c", "syntax error: missing '}'", 0),
        ("x${a##b", "syntax error: missing '}'", 1),
        ("he${.}", "unsupported modifier (.) in substitution", 4),
        ("${a.b}", "unsupported modifier (.) in substitution", 3),
        ("${a=b}", "unsupported modifier (=) in substitution", 3),
        ("${a:=b}", "unsupported modifier (:=) in substitution", 3),
        ("${a:0:2}", "unsupported modifier (:0) in substitution", 3),
        ("${a:YYY}", "unsupported modifier (:Y) in substitution", 3),
        ("${a:#b}", "unsupported modifier (:#) in substitution", 3),
        ("${a:%b}", "unsupported modifier (:%) in substitution", 3),
        ("${a:/b/c}", "unsupported modifier (:/) in substitution", 3),
        ("${a:}b}", "unsupported modifier (:}) in substitution", 3),
        ("${a^^}", "unsupported modifier (^) in substitution", 3),
        ("${a,}", "unsupported modifier (,) in substitution", 3),
        ("${a }", "unsupported modifier ( ) in substitution", 3),
        ("${a.", "unsupported modifier (.) in substitution", 3),
        ("x${y:-${a.b}}", "unsupported modifier (.) in substitution", 9),
        ("'abc", "unexpected end of statement while looking for matching single-quote", 0),
        ("he'llo", "unexpected end of statement while looking for matching single-quote", 2),
        ("x\"abc", "unexpected end of statement while looking for matching double-quote", 1),
        ('"hello\\"', "unexpected end of statement while looking for matching double-quote", 0),
        ('"hello\\', "unexpected end of statement while looking for matching double-quote", 0),
        ("he\\\\'llo", "unexpected end of statement while looking for matching single-quote", 4),
        ("'안녕\\'하세요'", "unexpected end of statement while looking for matching single-quote", 8),
    ],
)
def test_errors(word, message, offset):
    with pytest.raises(ExpansionError) as raised:
        expand(word, {})
    assert (str(raised.value), raised.value.offset) == (message, offset)
    assert isinstance(raised.value, ValueError)


def test_bad_escape_argument_is_a_value_error():
    with pytest.raises(ValueError, match="escape"):
        expand("x", {}, escape="/")
    with pytest.raises(ValueError, match="escape"):
        references("$x", escape="ab")


# ---------------------------------------------------------------------------
# references()


def ref(name, start, end, default=None, modifier=None):
    return Reference(name, start, end, default, modifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a $B ${C:-$D} '$E' \\$F",
            [ref("B", 2, 4), ref("C", 5, 13, "$D", ":-"), ref("D", 10, 12)],
        ),
        ("no references", []),
        ("$", []),
        ("a$ $. $/", []),
        ("${X}", [ref("X", 0, 4)]),
        ("$X${Y}", [ref("X", 0, 2), ref("Y", 2, 6)]),
        ("${X-d}", [ref("X", 0, 6, "d", "-")]),
        ("${X:+w}", [ref("X", 0, 7, "w", ":+")]),
        ("${X+w}", [ref("X", 0, 6, "w", "+")]),
        ("${X:?msg}", [ref("X", 0, 9, "msg", ":?")]),
        ("${X?}", [ref("X", 0, 5, "", "?")]),
        ("${X#*/}", [ref("X", 0, 7, "*/", "#")]),
        ("${X##*/}", [ref("X", 0, 8, "*/", "##")]),
        ("${X%.*}", [ref("X", 0, 7, ".*", "%")]),
        ("${X%%.*}", [ref("X", 0, 8, ".*", "%%")]),
        ("${X/a/b}", [ref("X", 0, 8, "a/b", "/")]),
        ("${X//a/b}", [ref("X", 0, 9, "a/b", "//")]),
        ("${X:-${Y:-$Z}}", [ref("X", 0, 14, "${Y:-$Z}", ":-"), ref("Y", 5, 13, "$Z", ":-"), ref("Z", 10, 12)]),
        ('"$A" x', [ref("A", 1, 3)]),
        ("'$A' \"$B\"", [ref("B", 6, 8)]),
        ("${X:-'$Y'}", [ref("X", 0, 10, "'$Y'", ":-")]),
        ('${X:-"$Y"}', [ref("X", 0, 10, '"$Y"', ":-"), ref("Y", 6, 8)]),
        ("\\${X}", []),
        ("\\\\$X", [ref("X", 2, 4)]),
        ("$12 $$ $@", [ref("12", 0, 3), ref("$", 4, 6), ref("@", 7, 9)]),
        ("${#}", [ref("#", 0, 4)]),
        # malformed substitutions are skipped; references around and inside them are kept
        ("${} $A", [ref("A", 4, 6)]),
        ("${a.b} $C", [ref("C", 7, 9)]),
        ("${a:0:2}$Z", [ref("Z", 8, 10)]),
        ("${a:x$B}", [ref("B", 5, 7)]),
        ("${A:-$B", [ref("B", 5, 7)]),
        ("${A:-${B}", [ref("B", 5, 9)]),
        ("'$A", []),
        ('"$A', [ref("A", 1, 3)]),
        ("${a/b} $C", [ref("C", 7, 9)]),  # the pattern of ${a/ runs to the end, taking $C in
        # after the bad ${ the scan resumes at its }, which closes ${X:-
        ("${X:-${}} $Y", [ref("X", 0, 8, "${", ":-"), ref("Y", 10, 12)]),
        ("${A:-${B?}", [ref("B", 5, 10, "", "?")]),
    ],
)
def test_references(text, expected):
    assert references(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("`$A $B", [ref("B", 4, 6)]),
        ("\\$A", [ref("A", 1, 3)]),
        ("${X:-a`}$B}", [ref("X", 0, 11, "a`}$B", ":-"), ref("B", 8, 10)]),
    ],
)
def test_references_with_backtick_escape(text, expected):
    assert references(text, escape="`") == expected


def test_references_offsets_point_at_the_text():
    text = "COPY ${SRC:-./app} /opt/$NAME"
    found = references(text)
    assert [(r.name, text[r.start:r.end]) for r in found] == [("SRC", "${SRC:-./app}"), ("NAME", "$NAME")]


# ---------------------------------------------------------------------------
# expand_words()


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ("80/tcp  $P", {"P": "443 8080"}, ["80/tcp", "443", "8080"]),
        ('"$P"', {"P": "443 8080"}, ["443 8080"]),
        ("a${P}b", {"P": "443 8080"}, ["a443", "8080b"]),
        ("${X:-1 2}", {}, ["1", "2"]),
        ("'a b' c", {}, ["a b", "c"]),
        ('"a b" c', {}, ["a b", "c"]),
        ("a\\ b", {}, ["a b"]),
        ("'' x \"\"", {}, ["x"]),
        ("$EMPTY", {"EMPTY": ""}, []),
        ("", {}, []),
        ("  lead \t trail  ", {}, ["lead", "trail"]),
        ("a\nb", {}, ["a", "b"]),
        ("a\u00a0b\u3000c", {}, ["a", "b", "c"]),  # Go's unicode.IsSpace
        ("a\x1cb", {}, ["a\x1cb"]),  # not a space for Go
        ("$S", {"S": " x  y "}, ["x", "y"]),
        ("a'b c'd e", {}, ["ab cd", "e"]),
        ("8080 80/udp", {}, ["8080", "80/udp"]),
    ],
)
def test_expand_words(text, env, expected):
    assert expand_words(text, env) == expected


def test_expand_words_backtick_escape():
    assert expand_words("a` b c\\ d", {}, escape="`") == ["a b", "c\\", "d"]


def test_expand_words_raises_expansion_error():
    with pytest.raises(ExpansionError, match="bad substitution"):
        expand_words("80 ${}", {})


# ---------------------------------------------------------------------------
# Scale: nesting needs no recursion, patterns cannot backtrack exponentially


def test_deep_nesting():
    depth = 5000
    text = "${A:-" * depth + "x" + "}" * depth
    assert expand(text, {}).value == "x"
    found = references(text)
    assert len(found) == depth and found[0].end == len(text)
    with pytest.raises(ExpansionError) as raised:
        expand("x" + "${A:-" * depth, {})
    assert raised.value.offset == 1


def test_pathological_patterns_on_a_long_value():
    # Patterns that backtrack exponentially in a naive matcher. Their cost (linear in the
    # value's length) is measured by benchmarks/bench_linear.py, not asserted here.
    env = {"V": "a" * 4000}
    assert value("${V#*a*a*a*a*a*c}", env) == env["V"]
    assert value("${V%%*a*a*a*a*b}", env) == env["V"]
    assert value("${V//*a*a*a*a*b/x}", env) == env["V"]
    assert value("${V//a*c/x}", env) == env["V"]
    assert value("${V//a*a/x}", env) == "x"
    assert value("${V#*a*a}", env) == value("${V%a*a}", env) == "a" * 3998  # shortest match: two a's
    assert value("${V##*a*a}", env) == value("${V%%a*a}", env) == ""  # longest match: all of it
    assert value("${V/a*a/x}b", env) == "xb"


# ---------------------------------------------------------------------------
# Properties

_TEXT_ALPHABET = list("$${}{}:-+?#%/\\`'\" aAbZ_1é²@*!.=\n") + ["${", "${A", "$A", ":-", "//", "##", "%%"]
_text = st.lists(st.sampled_from(_TEXT_ALPHABET), max_size=30).map("".join)
_env = st.dictionaries(st.sampled_from(["A", "Z", "b", "1", "@", "$", "", "é"]), st.sampled_from(["", "x", "a*b", " y "]))


@settings(max_examples=1000, deadline=None, database=None)
@given(text=_text, env=_env, escape=st.sampled_from(["\\", "`"]))
def test_never_raises_anything_else(text, env, escape):
    found = references(text, escape=escape)
    for reference in found:
        assert 0 <= reference.start < reference.end <= len(text)
        assert text[reference.start] == "$"
    assert [r.start for r in found] == sorted(r.start for r in found)
    try:
        expansion = expand(text, env, escape=escape)
    except ExpansionError as error:
        assert 0 <= error.offset <= len(text)
    else:
        # Both scans agree on which names are referenced.
        assert expansion.referenced == {r.name for r in found}
        assert expansion.unmatched == {name for name in expansion.referenced if name not in env}
    try:
        expand_words(text, env, escape=escape)
    except ExpansionError:
        pass


# Patterns are checked against Python's re, which picks matches as Go's regexp does
# (leftmost-first, lazy or greedy stars, `.` not matching a newline). The pattern and the
# value come from the environment so that the lexer leaves them untouched.
_PATTERN_TOKENS = ["a", "b", ".", "\n", "*", "?", "\\*", "\\?", "\\\\"]
_pattern = st.lists(st.sampled_from(_PATTERN_TOKENS), max_size=6)
_subject = st.text(alphabet="ab.\n*?\\", max_size=12)


def _oracle_regex(tokens: list[str], greedy: bool) -> str:
    translated = {"*": ".*" if greedy else ".*?", "?": "."}
    return "".join(translated.get(token) or re.escape(token[-1]) for token in tokens)


def _reverse_tokens(tokens: list[str]) -> list[str]:
    return list(reversed(tokens))


@settings(max_examples=800, deadline=None, database=None)
@given(tokens=_pattern, subject=_subject, longest=st.booleans())
def test_prefix_and_suffix_removal_match_regex_semantics(tokens, subject, longest):
    env = {"V": subject, "P": "".join(tokens)}
    match = re.match(_oracle_regex(tokens, longest), subject)
    expected_prefix = subject if match is None else subject[match.end():]
    assert value("${V##$P}" if longest else "${V#$P}", env) == expected_prefix

    reversed_subject = subject[::-1]
    match = re.match(_oracle_regex(_reverse_tokens(tokens), longest), reversed_subject)
    expected_suffix = subject if match is None else subject[:len(subject) - match.end()]
    assert value("${V%%$P}" if longest else "${V%$P}", env) == expected_suffix


@settings(max_examples=800, deadline=None, database=None)
@given(tokens=_pattern.filter(lambda t: any(token != "*" for token in t)), subject=_subject)
def test_replacement_matches_regex_semantics(tokens, subject):
    # Patterns that cannot match empty text, where Go's and Python's replace-all agree.
    env = {"V": subject, "P": "".join(tokens), "R": "<>"}
    regex = re.compile(_oracle_regex(tokens, True))
    assert value("${V/$P/$R}", env) == regex.sub(lambda _: "<>", subject, count=1)
    assert value("${V//$P/$R}", env) == regex.sub(lambda _: "<>", subject)
