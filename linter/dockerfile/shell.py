"""What a RUN instruction executes: its shell script split into simple commands.

Rules about commands read this instead of grepping the text. The analysis
splits a script across ``&&``, ``||``, ``;``, ``|``, ``&``, newlines, subshells,
``{ ...; }`` groups, ``if``/``while``/``for``/``case`` bodies and command
substitutions, honours quoting, and maps every word back to its Dockerfile
line and column. It understands:

* shell form (the logical line after the keyword and flags), exec form
  (``RUN ["sh", "-c", "..."]`` or a plain argv) and heredoc scripts
  (``RUN <<EOF`` alone, or a heredoc fed to ``sh``/``bash``), whose words map
  to the body's physical lines;
* ``sh -c '...'`` / ``bash -c "..."``, recursively: the inner script's words
  map to the characters of the quoted argument;
* prefixes that run the next word as a command: ``VAR=1``, ``env [-i] [X=1]``,
  ``exec``, ``time``, ``nice``, ``nohup``, ``command``, ``sudo``, ``stdbuf``,
  ``timeout``, ``chroot``-less wrappers. They are recorded in
  ``Command.wrappers``. ``xargs`` is *not* unwrapped: the command it runs gets
  its arguments from stdin, so its written arguments are not the whole command
  line and rules would misjudge them (``xargs apt-get install`` has no
  packages written).

It is a lexer for the POSIX shell grammar, not a full parser: it never fails,
and constructs it does not model (arithmetic, ``case`` patterns, function
definitions) are skipped rather than misread. A stage whose SHELL is not a
POSIX shell (PowerShell, cmd) is not analysed at all: :func:`script_of`
returns None.

bashlex was measured as the alternative on the 7,783 RUN instructions of the
test corpus: it took about 30 s and failed on 417 of them (5%), against about
1 s and no failure for this lexer, so it is not used.
"""

from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass, field
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydocklint.dockerfile.model import Dockerfile, Instruction, Span

POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"})
DEFAULT_SHELL = ("/bin/sh", "-c")

# Words that start or end a compound command; the next word starts a command.
_RESERVED_OPEN = frozenset({"if", "then", "else", "elif", "while", "until", "do", "!", "{"})
_RESERVED_CLOSE = frozenset({"fi", "done", "}", "esac"})
_KEYWORDS = _RESERVED_OPEN | _RESERVED_CLOSE | {"for", "select", "case", "in"}
_REDIRECT_FIRST = frozenset("<>&0123456789")
# Wrappers taking no option arguments worth modelling beyond the listed ones.
_WRAPPERS = frozenset({"exec", "time", "nice", "nohup", "command", "sudo", "env", "stdbuf", "timeout", "builtin",
                       "doas", "gosu", "su-exec", "chronic", "eatmydata", "ionice", "unbuffer", "setsid", "xvfb-run"})
_WRAPPER_OPTIONS_WITH_VALUE = {
    "sudo": frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"}),
    "nice": frozenset({"-n", "--adjustment"}),
    "env": frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"}),
    "stdbuf": frozenset({"-i", "-o", "-e"}),
    "timeout": frozenset({"-s", "--signal", "-k", "--kill-after"}),
    "ionice": frozenset({"-c", "-n", "-p"}),
    "time": frozenset({"-f", "-o"}),
}
_OPERATORS = ("&&", "||", ";;", "|&", ";", "|", "&", "(", ")")
_REDIRECT_START = "<>"
_BLANK = " \t\r\v\f"
_METACHARACTERS = " \t\r\n\v\f;&|()<>"
_PLAIN = re.compile(r"[^ \t\r\n\v\f;&|()<>\\'\"$`]+")
_IN_DOUBLE_QUOTES = re.compile(r'[^"\\$`]+')
# A plain word not starting with a digit or a redirect/operator character, ending at a metacharacter:
# no quoting, no escapes, no expansions (digits first could be a redirection's fd, as in 2>file).
_PLAIN_WORD = re.compile(r"([^0-9 \t\r\n\v\f;&|()<>\\'\"$`#][^ \t\r\n\v\f;&|()<>\\'\"$`]*)"
                         r"(?=[ \t\r\n\v\f;&|()<>]|\Z)")
_PLAIN_START = frozenset(chr(c) for c in range(33, 127)) - frozenset("0123456789;&|()<>\\'\"$`#")
_BLANKS = re.compile(r"[ \t\r\v\f]+")


@dataclass(slots=True)
class Word:
    """One shell word: its value with quotes removed and where it was written."""

    value: str  # quotes and escapes removed; expansions kept as written ($X, $(...))
    text: str  # as written
    start: int  # location of its first written character (see Script.span)
    end: int  # location of its last written character
    quoted: bool  # some part was quoted
    expands: bool  # contains an unquoted or double-quoted $ expansion or backticks
    positions: Sequence[int] = field(repr=False)  # location of each character of ``value`` (often a range)
    via: str = ""  # for a word split from a variable's known value (see packages.py): the variable ($PACKAGES)


@dataclass(slots=True, eq=False)
class Redirect:
    operator: str  # ">", ">>", "<", "<<", "<<-", "<<<", ">&", "&>", ...
    target: Word | None
    fd: str = ""  # "2" in 2>/dev/null
    process: str = ""  # the script of a process substitution, operator "<(" or ">(" (its commands are analysed too)


@dataclass(slots=True, eq=False)
class Command:
    """A simple command: optional assignments, wrappers, then the command words."""

    words: tuple[Word, ...]  # the command and its arguments, wrappers and assignments removed
    assignments: tuple[Word, ...] = ()
    wrappers: tuple[Word, ...] = ()  # sudo, env, exec, ... in the order written
    redirects: tuple[Redirect, ...] = ()
    before: str | None = None  # the operator before it in its list: && || ; | & or None
    after: str | None = None  # the operator after it
    substitution: bool = False  # inside $(...), `...` or <(...)
    subshell: bool = False  # inside ( ... )
    condition: bool = False  # the condition of if/while/until, or negated with !
    depth: int = 0  # nesting of sh -c scripts: 0 for the instruction's own script
    next_in_pipeline: Command | None = field(default=None, repr=False)
    name: str = ""  # the command's base name (/usr/bin/apt-get -> apt-get); "" for an assignment-only command

    def __post_init__(self) -> None:
        if self.words:
            self.name = self.words[0].value.rsplit("/", 1)[-1]

    @property
    def args(self) -> tuple[Word, ...]:
        return self.words[1:]

    def values(self) -> list[str]:
        return [word.value for word in self.words]

    def has_wrapper(self, name: str) -> Word | None:
        for word in self.wrappers:
            if word.value.rsplit("/", 1)[-1] == name:
                return word
        return None


@dataclass(eq=False)
class Script:
    """The commands an instruction runs, in the order written, and how to locate their words."""

    instruction: Instruction
    commands: tuple[Command, ...]
    _bodies: tuple[tuple[int, int], ...]  # (base location, first physical line) of each heredoc body
    _line_starts: dict[int, list[int]]  # per heredoc body: offsets where its lines start
    windows: bool = False  # run by cmd or PowerShell (see windows_shell.py), not a POSIX shell

    def span(self, word: Word) -> Span:
        line, column = self.position(word.start)
        end_line, end_column = self.position(word.end)
        return line, column, end_line, end_column + 1

    def span_of(self, first: Word, last: Word) -> Span:
        line, column = self.position(first.start)
        end_line, end_column = self.position(last.end)
        return line, column, end_line, end_column + 1

    def position(self, location: int) -> tuple[int, int]:
        if location < _HEREDOC_BASE:
            return self.instruction.node.position(location)
        index = location // _HEREDOC_BASE - 1
        offset = location % _HEREDOC_BASE
        starts = self._line_starts[index]
        line_index = _bisect(starts, offset)
        # The Dockerfile's lines end before a CRLF's "\r": a location on the "\r" or "\n" is the line's end.
        node = self.instruction.node
        body = (node.trigger or node).heredocs[index].content
        end = starts[line_index + 1] - 1 if line_index + 1 < len(starts) else len(body)
        if body[end - 1:end] == "\r":
            end -= 1
        return self._bodies[index][1] + line_index, min(offset, end) - starts[line_index] + 1

    def named(self, *names: str) -> list[Command]:
        return [command for command in self.commands if command.name in names]


_HEREDOC_BASE = 1 << 24  # heredoc body i's locations start at (i + 1) * _HEREDOC_BASE
_MAX_NESTING = 32  # command substitutions and sh -c scripts analysed inside one another


def _bisect(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts)
    while low + 1 < high:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low


# --- the shell in effect ---------------------------------------------------------------------------------------

_SHELLS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SCRIPTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_BUILDERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def shells(dockerfile: Dockerfile) -> dict[Instruction, tuple[str, ...]]:
    """The SHELL in effect at each instruction of each stage (computed once per file).

    A stage built FROM an earlier stage inherits that stage's last SHELL, as in
    BuildKit; Windows base images default to ``cmd /S /C``.
    """
    cached = _SHELLS.get(dockerfile)
    if cached is not None:
        return cached
    result: dict[Instruction, tuple[str, ...]] = {}
    final: dict[int, tuple[str, ...]] = {}
    for stage in dockerfile.stages:
        parent = dockerfile.earlier_stage(stage.image.lower(), stage.index)
        if parent is not None:
            current = final.get(parent.index, DEFAULT_SHELL)
        elif _is_windows_image(stage.image):
            current = ("cmd", "/S", "/C")
        else:
            current = DEFAULT_SHELL
        for instruction in stage.instructions:
            if instruction.name == "SHELL" and instruction.node.json and instruction.args:
                current = tuple(instruction.args)
            result[instruction] = current
            if instruction.node.trigger is not None:
                result.setdefault(instruction, current)
        final[stage.index] = current
    _SHELLS[dockerfile] = result
    return result


def _is_windows_image(image: str) -> bool:
    lowered = image.lower()
    return any(part in lowered for part in ("windows/servercore", "windows/nanoserver", "/windows:", "nanoserver",
                                            "servercore"))


def is_posix_shell(shell: tuple[str, ...]) -> bool:
    return bool(shell) and shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower() in POSIX_SHELLS


def script_of(dockerfile: Dockerfile, instruction: Instruction) -> Script | None:
    """The analysed commands of a RUN (or an ONBUILD RUN), or None when it is not run by a POSIX shell.

    The result is cached per instruction: every rule asks for the same analysis.
    """
    # Keyed by the Dockerfile, not the instruction: a Script refers to its instruction, so a weak
    # key on the instruction would never die and every file linted would stay in memory.
    scripts = _SCRIPTS.get(dockerfile)
    if scripts is None:
        scripts = _SCRIPTS[dockerfile] = {}
    if instruction in scripts:
        return scripts[instruction]
    node = instruction.node.trigger or instruction.node
    script = None
    if node.name == "RUN":
        shell = shells(dockerfile).get(instruction, DEFAULT_SHELL)
        if node.json or is_posix_shell(shell):
            script = analyse(instruction)
    scripts[instruction] = script
    return script


def run_scripts(dockerfile: Dockerfile, onbuild: bool = True) -> tuple:
    """(stage, instruction, script) for every RUN run by a POSIX shell, in file order (computed once per file).

    ``ONBUILD RUN`` triggers are included unless ``onbuild`` is False: they run
    in the child image's build, where the same advice applies.
    """
    cached = _RUNS.get(dockerfile)
    if cached is None:
        found = []
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                trigger = instruction.node.trigger
                if instruction.node.name == "RUN" or (trigger is not None and trigger.name == "RUN"):
                    script = script_of(dockerfile, instruction)
                    if script is not None:
                        found.append((stage, instruction, script))
        cached = _RUNS[dockerfile] = tuple(found)
    if onbuild:
        return cached
    return tuple(item for item in cached if item[1].node.trigger is None)


# --- analysis of one instruction -------------------------------------------------------------------------------


def analyse(instruction: Instruction, start: int | None = None) -> Script:
    """Split the instruction's command (shell, exec or heredoc form) into simple commands.

    ``start`` is where the command begins in the logical line when it is not
    right after the keyword and flags (the command of ``HEALTHCHECK ... CMD``);
    CMD and ENTRYPOINT need none. Unlike :func:`script_of`, nothing is cached.
    """
    node = instruction.node.trigger or instruction.node
    original = instruction.node.original
    bodies, line_starts = _heredoc_layout(instruction)
    commands: list[Command] = []
    start = command_start(instruction) if start is None else start
    if node.json:
        words = _json_words(original, start)
        if words:
            _emit_argv(words, commands, depth=0)
    else:
        text = original[start:]
        positions = range(start, len(original))  # a range: slices of it cost nothing
        lexer = _Lexer(text, positions, commands, depth=0, heredoc_bodies=False)
        lexer.run()
        for index, heredoc in enumerate(node.heredocs):
            if _heredoc_is_script(lexer.heredoc_consumers.get(heredoc.name), index):
                base = (index + 1) * _HEREDOC_BASE
                body = heredoc.content
                _Lexer(body, range(base, base + len(body)), commands, depth=0, heredoc_bodies=True).run()
    return Script(instruction, tuple(commands), bodies, line_starts)


def exec_form_words(instruction: Instruction) -> list[Word]:
    """The strings of an exec-form (JSON) command with their locations in the instruction's logical line.

    ONBUILD triggers and ``HEALTHCHECK CMD [...]`` included; [] for a shell-form command.
    """
    node = instruction.node.trigger or instruction.node
    return _json_words(instruction.node.original, command_start(instruction)) if node.json else []


def command_start(instruction: Instruction) -> int:
    """Where the command of a RUN (or an ONBUILD RUN) starts in its logical line, after keyword and flags."""
    if instruction.node.trigger is None:
        return instruction.args_offset
    # ONBUILD RUN ...: the trigger's arguments follow its keyword and flags in the same logical line.
    from pydocklint.dockerfile.instructions import flag_words

    original = instruction.node.original
    keyword_at = original.upper().find(instruction.node.trigger.keyword.upper(), len(instruction.node.keyword))
    if keyword_at < 0:
        return instruction.args_offset
    _, start = flag_words(original, keyword_at + len(instruction.node.trigger.keyword))
    return start


def _heredoc_is_script(consumer: Command | None, index: int) -> bool:
    """A heredoc body is shell when the RUN line is only its marker, or a shell reads it as its script."""
    if consumer is None:
        return False
    if not consumer.words:
        return index == 0
    if consumer.name not in POSIX_SHELLS:
        return False
    args = [word.value for word in consumer.args]
    return not any(arg == "-c" or not arg.startswith("-") for arg in args)


def _heredoc_layout(instruction: Instruction) -> tuple[tuple[tuple[int, int], ...], dict[int, list[int]]]:
    """Where each heredoc body starts (physical line) and its line offsets.

    BuildKit reads bodies after the whole logical line, one after another, each
    followed by its terminator line.
    """
    node = instruction.node
    heredocs = (node.trigger or node).heredocs
    if not heredocs:
        return (), {}
    line = node.segments[-1].line + 1
    bodies = []
    starts: dict[int, list[int]] = {}
    for index, heredoc in enumerate(heredocs):
        bodies.append(((index + 1) * _HEREDOC_BASE, line))
        offsets = [0]
        for position, character in enumerate(heredoc.content):
            if character == "\n":
                offsets.append(position + 1)
        starts[index] = offsets
        line += heredoc.content.count("\n") + 1
    return tuple(bodies), starts


def _json_words(original: str, start: int) -> list[Word]:
    """The strings of an exec-form JSON array with the location of each character."""
    words: list[Word] = []
    position = original.find("[", start)
    if position < 0:
        return words
    length = len(original)
    while position < length:
        quote = original.find('"', position)
        if quote < 0:
            break
        value: list[str] = []
        positions: list[int] = []
        index = quote + 1
        while index < length and original[index] != '"':
            if original[index] == "\\" and index + 1 < length:
                escaped = original[index + 1]
                if escaped == "u" and index + 6 <= length:
                    try:
                        value.append(chr(int(original[index + 2:index + 6], 16)))
                    except ValueError:
                        value.append(escaped)
                    positions.append(index)
                    index += 6
                    continue
                value.append(json.loads(f'"\\{escaped}"') if escaped in '"\\/bfnrt' else escaped)
                positions.append(index + 1)  # the escaped character itself, so a word ending in \" ends there
                index += 2
                continue
            value.append(original[index])
            positions.append(index)
            index += 1
        words.append(Word("".join(value), original[quote:index + 1], quote, min(index, length - 1), True, False,
                          positions))
        position = index + 1
    return words


def _emit_argv(words: list[Word], commands: list[Command], depth: int, **context) -> None:
    """Add the command an argv runs, unwrapping prefixes and recursing into ``sh -c``."""
    assignments: list[Word] = []
    wrappers: list[Word] = []
    index = 0
    while index < len(words):
        word = words[index]
        value = word.value
        if _is_assignment(value) and not word.text.startswith(("'", '"')):
            assignments.append(word)
            index += 1
            continue
        base = value.rsplit("/", 1)[-1]
        if base in _WRAPPERS and index + 1 < len(words):
            wrappers.append(word)
            index = _skip_wrapper_options(base, words, index + 1)
            continue
        break
    command = Command(tuple(words[index:]), tuple(assignments), tuple(wrappers), **context)
    command.depth = depth
    commands.append(command)
    inner = _inline_script(command.words)
    if inner is not None and depth < _MAX_NESTING:
        _Lexer(inner.value, inner.positions, commands, depth=depth + 1, heredoc_bodies=False,
               substitution=command.substitution, subshell=command.subshell).run()


def _skip_wrapper_options(base: str, words: list[Word], index: int) -> int:
    with_value = _WRAPPER_OPTIONS_WITH_VALUE.get(base, frozenset())
    while index < len(words):
        value = words[index].value
        if value == "--":
            return index + 1
        if base == "env" and _is_assignment(value):
            index += 1
            continue
        if base == "timeout" and not value.startswith("-"):
            return index + 1  # the duration
        if base == "nice" and value.startswith("-") and value[1:].isdigit():
            index += 1
            continue
        if not value.startswith("-") or value == "-":
            return index
        index += 2 if value in with_value else 1
    return index


def _is_assignment(value: str) -> bool:
    name, equals, _ = value.partition("=")
    return bool(equals) and bool(name) and (name[0].isalpha() or name[0] == "_") and \
        all(c.isalnum() or c == "_" for c in name)


def _inline_script(words: tuple[Word, ...]) -> Word | None:
    """The script of ``sh -c SCRIPT`` / ``bash -ec SCRIPT`` (None for anything else)."""
    if not words or words[0].value.rsplit("/", 1)[-1] not in POSIX_SHELLS:
        return None
    index = 1
    while index < len(words):
        value = words[index].value
        if value in ("-o", "+o", "-O", "+O"):
            index += 2
            continue
        if value.startswith("-") and len(value) > 1 and not value.startswith("--"):
            if "c" in value[1:]:
                return words[index + 1] if index + 1 < len(words) else None
            index += 1
            continue
        if value.startswith("--"):
            index += 1
            continue
        return None
    return None


class _Lexer:
    """Reads one script, appending each simple command it finds to ``commands``."""

    def __init__(self, text: str, positions: list[int], commands: list[Command], depth: int,
                 heredoc_bodies: bool, substitution: bool = False, subshell: bool = False):
        self.text = text
        self.positions = positions
        self.commands = commands
        self.depth = depth
        self.heredoc_bodies = heredoc_bodies  # newline after a << redirect starts its body (in heredoc scripts)
        self.substitution = substitution
        self.subshell_depth = 1 if subshell else 0
        self.index = 0
        self.nesting = depth  # substitutions and sh -c scripts this lexer is inside of
        self.heredoc_consumers: dict[str, Command] = {}  # Dockerfile heredoc name -> command reading it
        self.pending_heredocs: list[tuple[str, bool]] = []  # (delimiter, strip tabs) awaiting their bodies

    # The command being assembled.
    def _reset(self) -> None:
        self.words: list[Word] = []
        self.redirects: list[Redirect] = []
        self.heredoc_names: list[str] = []
        self.condition = False
        self.expect_command = True  # the next word is in command position
        self.skip_until_separator = False  # inside "for x in ...", "case ... in"

    def run(self) -> None:
        self._reset()
        self.before: str | None = None
        self.last: Command | None = None
        self.case_depth = 0
        text = self.text
        length = len(text)
        while self.index < length:
            character = text[self.index]
            if character in _BLANK:
                self.index = _BLANKS.match(text, self.index).end()
            elif character == "\\" and self.index + 1 < length and text[self.index + 1] == "\n":
                self.index += 2
            elif character == "\n":
                self._finish(";")
                self.index += 1
                if self.pending_heredocs:
                    self._skip_heredoc_bodies()
            elif character == "#":
                end = text.find("\n", self.index)
                self.index = length if end < 0 else end
            elif character in _PLAIN_START and not self.case_depth and \
                    (plain := _PLAIN_WORD.match(text, self.index)) is not None:
                # The common case, inlined: an unquoted word without escapes or expansions.
                end = plain.end()
                self.index = end
                positions = self.positions
                value = plain.group(1)
                self._take(Word(value, value, positions[end - len(value)], positions[end - 1], False, False,
                                positions[end - len(value):end]))
            elif self.case_depth and self._at_case_pattern() or self._at_redirect():
                continue
            elif character in ";&|()":
                self._operator()
            else:
                self._word()
        self._finish(None)

    def _at_case_pattern(self) -> bool:
        """Skip a ``pattern)`` at the start of a case clause."""
        if self.words or not self.expect_command:
            return False
        text = self.text
        depth = 0
        index = self.index
        while index < len(text) and text[index] != "\n":
            character = text[index]
            if character == "(":
                depth += 1
            elif character == ")":
                if depth == 0:
                    candidate = text[self.index:index].strip()
                    if candidate and candidate != "esac" and not candidate.startswith(("$(", "`")):
                        self.index = index + 1
                        return True
                    return False
                depth -= 1
            elif character in ";&":
                return False
            elif character in "'\"":
                end = text.find(character, index + 1)
                if end < 0:
                    return False
                index = end
            index += 1
        return False

    def _operator(self) -> None:
        text = self.text
        for operator in _OPERATORS:
            if text.startswith(operator, self.index):
                break
        self.index += len(operator)
        if operator == "(":
            if self.words and self.words[-1].value and self.expect_command is False and len(self.words) == 1:
                # name() { ... }: a function definition; skip "()".
                if text.startswith(")", self.index):
                    self.index += 1
                self.words = []
                self.expect_command = True
                return
            self._finish(None)
            self.subshell_depth += 1
            self.before = None
            return
        if operator == ")":
            self._finish(None)
            self.subshell_depth = max(0, self.subshell_depth - 1)
            return
        if operator == ";;":
            self._finish(";")
            return
        self._finish(operator)

    def _finish(self, operator: str | None) -> None:
        """End the current simple command at an operator."""
        words = self.words
        if words or self.redirects:
            self._emit(operator)
        elif operator in ("&&", "||", "|", "|&") and self.last is not None:
            self.last.after = operator if self.last.after is None else self.last.after
        self._reset()
        if operator is not None:
            self.before = operator
        else:
            self.before = None

    def _emit(self, operator: str | None) -> None:
        before = self.before
        context = dict(before=before, after=operator, substitution=self.substitution,
                       subshell=self.subshell_depth > 0, condition=self.condition)
        count = len(self.commands)
        _emit_argv(self.words, self.commands, self.depth, **context)
        command = self.commands[count]
        command.redirects = tuple(self.redirects)
        for name in self.heredoc_names:
            self.heredoc_consumers.setdefault(name, command)
        if self.last is not None and before in ("|", "|&") and self.last.after in ("|", "|&"):
            self.last.next_in_pipeline = command
        self.last = command

    # --- words ---------------------------------------------------------------------------------------------

    def _word(self) -> None:
        word = self._read_word()
        if word is not None:
            self._take(word)

    def _take(self, word: Word) -> None:
        """Add a word to the command being read, or act on it when it is a reserved word."""
        value = word.value
        if self.expect_command and not word.quoted and value in _KEYWORDS:
            if value in _RESERVED_OPEN:
                if value in ("if", "while", "until", "!"):
                    self.condition = True
                if value in ("then", "do", "else", "{"):
                    self.before = None
                return
            if value in _RESERVED_CLOSE:
                if value == "esac":
                    self.case_depth = max(0, self.case_depth - 1)
                return
            if value in ("for", "select"):
                self.skip_until_separator = True
                self.expect_command = False
                return
            if value == "case":
                self.skip_until_separator = True
                self.expect_command = False
                self.case_depth += 1
                return
            if value in ("in",):
                return
        if self.skip_until_separator:
            if value == "in" and self.case_depth and not self.words:
                # "case WORD in": the clauses follow.
                self.skip_until_separator = False
                self.expect_command = True
            return
        if value == "do" and not word.quoted and not self.words:
            return
        self.words.append(word)
        if "=" not in value or not _is_assignment(value):
            self.expect_command = False

    def _read_word(self) -> Word | None:
        text = self.text
        positions = self.positions
        length = len(text)
        start = self.index
        plain = _PLAIN.match(text, start)
        if plain is not None:
            end = plain.end()
            if end == length or text[end] in _METACHARACTERS:  # the common case: no quotes, escapes or $
                self.index = end
                value = plain.group()
                return Word(value, value, positions[start], positions[end - 1], False, False, positions[start:end])
        value: list[str] = []
        value_positions: list[Sequence[int]] = []  # chunks, joined once at the end
        quoted = False
        expands = False
        index = start
        while index < length:
            character = text[index]
            if character in _METACHARACTERS:
                break
            if character == "\\":
                if index + 1 < length:
                    if text[index + 1] != "\n":
                        value.append(text[index + 1])
                        value_positions.append(positions[index + 1:index + 2])
                    index += 2
                else:
                    index += 1
                quoted = True
            elif character == "'":
                end = text.find("'", index + 1)
                end = length if end < 0 else end
                value.extend(text[index + 1:end])
                value_positions.append(positions[index + 1:end])
                index = end + 1
                quoted = True
            elif character == '"':
                index = self._double_quoted(index + 1, value, value_positions)
                quoted = True
                expands = expands or "$" in text[start:index] or "`" in text[start:index]
            elif character == "$" and index + 1 < length and text[index + 1] == "'":
                end = _ansi_c_end(text, index + 2)
                value.extend(text[index + 2:end])
                value_positions.append(positions[index + 2:end])
                index = end + 1
                quoted = True
            elif character == "$" or character == "`":
                end = self._expansion_end(index)
                value.extend(text[index:end])
                value_positions.append(positions[index:end])
                index = end
                expands = True
            else:
                end = _PLAIN.match(text, index).end()
                value.append(text[index:end])
                value_positions.append(positions[index:end])
                index = end
        self.index = index
        if index == start:
            self.index += 1  # a stray character the grammar does not use here
            return None
        last = positions[min(index, length) - 1]
        joined = value_positions[0] if len(value_positions) == 1 else list(chain.from_iterable(value_positions))
        return Word("".join(value), text[start:index], positions[start], last, quoted, expands, joined)

    def _double_quoted(self, index: int, value: list[str], value_positions: list[Sequence[int]]) -> int:
        text = self.text
        positions = self.positions
        length = len(text)
        while index < length:
            character = text[index]
            if character == '"':
                return index + 1
            if character == "\\" and index + 1 < length and text[index + 1] in '$`"\\\n':
                if text[index + 1] != "\n":
                    value.append(text[index + 1])
                    value_positions.append(positions[index + 1:index + 2])
                index += 2
            elif character == "$" or character == "`":
                end = self._expansion_end(index)
                value.extend(text[index:end])
                value_positions.append(positions[index:end])
                index = end
            else:
                match = _IN_DOUBLE_QUOTES.match(text, index)
                end = match.end() if match else index + 1
                value.append(text[index:end])
                value_positions.append(positions[index:end])
                index = end
        return index

    def _expansion_end(self, index: int) -> int:
        """Where a ``$...`` or backtick expansion ends; command substitutions are analysed on the way."""
        text = self.text
        length = len(text)
        if text[index] == "`":
            end = index + 1
            while end < length and text[end] != "`":
                end += 2 if text[end] == "\\" else 1
            end = min(end, length)
            inner = text[index + 1:end].replace("\\`", "` ")
            self._substitution(inner, self.positions[index + 1:end])
            return min(end + 1, length)
        if text.startswith("$((", index):
            return _matching(text, index + 3, "(", ")", 2)
        if text.startswith("$(", index):
            end = _matching(text, index + 2, "(", ")", 1)
            self._substitution(text[index + 2:end - 1], self.positions[index + 2:end - 1])
            return end
        if text.startswith("${", index):
            return _matching(text, index + 2, "{", "}", 1)
        end = index + 1
        if end < length and (text[end].isalnum() or text[end] == "_"):
            if text[end].isdigit():
                return end + 1
            while end < length and (text[end].isalnum() or text[end] == "_"):
                end += 1
            return end
        if end < length and text[end] in "@*#?$!-":
            return end + 1
        return end

    def _substitution(self, inner: str, positions: list[int]) -> None:
        if not inner.strip() or self.nesting >= _MAX_NESTING:
            return  # beyond any real script: not analysed, so hostile input cannot exhaust the stack
        lexer = _Lexer(inner, positions, self.commands, self.depth, self.heredoc_bodies, substitution=True,
                       subshell=self.subshell_depth > 0)
        lexer.nesting = self.nesting + 1
        lexer.run()

    # --- redirections --------------------------------------------------------------------------------------

    def _at_redirect(self) -> bool:
        """Read a redirection (``2>/dev/null``, ``<<EOF``, ``&>log``) or a process substitution."""
        text = self.text
        index = self.index
        if text[index] not in _REDIRECT_FIRST:
            return False
        length = len(text)
        fd_end = index
        while fd_end < length and text[fd_end].isdigit():
            fd_end += 1
        if fd_end >= length or not (text[fd_end] in "<>" or text.startswith("&>", fd_end)):
            return False
        if text.startswith(("<(", ">("), fd_end):
            end = _matching(text, fd_end + 2, "(", ")", 1)
            self._substitution(text[fd_end + 2:end - 1], self.positions[fd_end + 2:end - 1])
            self.redirects.append(Redirect(text[fd_end:fd_end + 2], None, text[index:fd_end],
                                           text[fd_end + 2:end - 1]))
            self.index = end
            return True
        operator = next(op for op in ("<<<", "<<-", "<<", "&>>", "&>", ">>", ">&", "<&", ">|", "<>", ">", "<")
                        if text.startswith(op, fd_end))
        self.index = fd_end + len(operator)
        while self.index < length and text[self.index] in _BLANK:
            self.index += 1
        target = self._read_word() if self.index < length and text[self.index] not in _METACHARACTERS else None
        self.redirects.append(Redirect(operator, target, text[index:fd_end]))
        if operator in ("<<", "<<-") and target is not None:
            name = target.value
            self.heredoc_names.append(name)
            if self.heredoc_bodies:
                self.pending_heredocs.append((name, operator == "<<-"))
        return True

    def _skip_heredoc_bodies(self) -> None:
        text = self.text
        for delimiter, strip_tabs in self.pending_heredocs:
            while self.index < len(text):
                end = text.find("\n", self.index)
                end = len(text) if end < 0 else end
                line = text[self.index:end]
                self.index = end + 1
                if (line.lstrip("\t") if strip_tabs else line) == delimiter:
                    break
        self.pending_heredocs = []


def _ansi_c_end(text: str, index: int) -> int:
    while index < len(text) and text[index] != "'":
        index += 2 if text[index] == "\\" else 1
    return min(index, len(text))


def _matching(text: str, index: int, opening: str, closing: str, depth: int) -> int:
    """The index just after the ``closing`` that balances ``depth`` open brackets, honouring quotes."""
    length = len(text)
    while index < length:
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character == "'" and closing == ")":
            end = text.find("'", index + 1)
            index = length if end < 0 else end + 1
            continue
        if character == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
            continue
        if character == opening:
            depth += 1
        elif character == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return length


def cache_mount_targets(instruction: Instruction) -> list[str]:
    """The targets of the instruction's ``--mount=type=cache`` flags (normalised, no trailing slash)."""
    targets = []
    for value in instruction.flag_values("mount"):
        fields = dict(part.partition("=")[::2] for part in value.split(","))
        if fields.get("type") == "cache":
            target = fields.get("target") or fields.get("dst") or fields.get("destination") or ""
            targets.append(target.rstrip("/") or "/")
    return targets


def removed_paths(script: Script) -> list[str]:
    """Paths given to ``rm`` in the script (glob characters kept)."""
    paths = []
    for command in script.commands:
        if command.name == "rm":
            paths.extend(word.value for word in command.args if not word.value.startswith("-"))
    return paths


def copied_only_stages(dockerfile: Dockerfile) -> frozenset[int]:
    """Stages whose files reach other stages only through ``COPY --from``/mounts, never as a FROM base.

    What such a builder stage leaves in its layers (package lists, caches) never
    ships, so layer-size advice does not apply to it. The last stage is never one.
    Computed once per file.
    """
    cached = _BUILDERS.get(dockerfile)
    if cached is None:
        cached = _BUILDERS[dockerfile] = _copied_only_stages(dockerfile)
    return cached


def _copied_only_stages(dockerfile: Dockerfile) -> frozenset[int]:
    from pydocklint.dockerfile.scope import copy_sources, stage_by_reference

    bases: set[int] = set()
    copied: set[int] = set()
    for stage in dockerfile.stages:
        parent = dockerfile.earlier_stage(stage.image.lower(), stage.index)
        if parent is not None:
            bases.add(parent.index)
        for instruction in stage.instructions:
            for reference in copy_sources(instruction):
                source = stage_by_reference(dockerfile, reference)
                if source is not None:
                    copied.add(source.index)
    last = len(dockerfile.stages) - 1
    return frozenset(index for index in copied - bases if index != last)
