"""The commands of RUNs that cmd or PowerShell runs (Windows images), read well enough for a few rules.

This is not a parser of either language. It splits a RUN's script at the
separators that end a command in these shells' command lines, outside quotes:
``;`` (PowerShell), ``&`` (cmd), ``&&``, ``||`` and ``|`` (both), and, in
PowerShell, the braces of blocks. Each piece is split into words at blanks,
quotes removed; a backslash is a path separator there, not an escape, and
PowerShell's backtick escapes the next character. A PowerShell parenthesis
(``('{0}' -f $v)``, ``$(...)``) stays inside its word, so it never counts as a
command of its own.

Only rules whose advice reads the same on every platform use these scripts:
installs by cross-platform package managers (pip, npm, gem...), ``cd``, and
counting the commands of consecutive RUNs. Everything that needs POSIX shell
semantics (pipefail, ``&&`` chains, ``rm -rf``) stays with :mod:`shell`.
"""

from __future__ import annotations

import re
import weakref

from pydocklint.dockerfile.model import Dockerfile, Instruction
from pydocklint.dockerfile.shell import Command, Script, Word, command_start, shells

WINDOWS_SHELLS = frozenset({"cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe"})

_EXTENSIONS = re.compile(r"\.(exe|cmd|bat|com)$")
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def shell_name(shell: tuple[str, ...]) -> str | None:
    """"cmd" or "powershell" for a Windows shell (pwsh counts as powershell), else None."""
    if not shell:
        return None
    name = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name not in WINDOWS_SHELLS:
        return None
    return "cmd" if name.startswith("cmd") else "powershell"


def windows_run_scripts(dockerfile: Dockerfile) -> tuple:
    """(stage, instruction, script) for each shell-form RUN that cmd or PowerShell runs (computed once per file)."""
    cached = _CACHE.get(dockerfile)
    if cached is None:
        found = []
        in_effect = shells(dockerfile)
        for stage in dockerfile.stages:
            for instruction in stage.instructions:
                node = instruction.node.trigger or instruction.node
                if node.name != "RUN" or node.json or node.heredocs:
                    continue
                kind = shell_name(in_effect.get(instruction, ()))
                if kind is not None:
                    found.append((stage, instruction, split_script(instruction, kind)))
        cached = _CACHE[dockerfile] = tuple(found)
    return cached


def command_count(script: Script) -> int:
    """How many commands the script runs; `powershell -Command "..."` only runs the commands that follow it."""
    commands = script.commands
    return sum(1 for command, following in zip(commands, commands[1:] + (None,))
               if following is None or following.depth <= command.depth)


def split_script(instruction: Instruction, kind: str) -> Script:
    """The commands of one shell-form RUN, for ``kind`` "cmd" or "powershell".

    The script of ``powershell -Command "..."`` (also pwsh) is split too: its
    commands follow the one that runs them, at ``depth`` 1.
    """
    original = instruction.node.original
    start = command_start(instruction)
    commands: list[Command] = []
    _split(original[start:], range(start, len(original)), kind, 0, commands)
    return Script(instruction, tuple(commands), (), {}, windows=True)


def _split(text: str, locations, kind: str, depth: int, commands: list[Command]) -> None:
    """Appends the commands of ``text`` (whose character i was written at ``locations[i]``) to ``commands``."""
    words: list[Word] = []
    separators = _POWERSHELL_SEPARATORS if kind == "powershell" else _CMD_SEPARATORS
    before: str | None = None

    def finish(operator: str | None) -> None:
        nonlocal before, words
        if words:
            command = Command(tuple(words), before=before, after=operator, depth=depth)
            # C:\Python\python.exe -> python; PIP.EXE -> pip: Windows names are case-insensitive.
            command.name = _EXTENSIONS.sub("", words[0].value.replace("\\", "/").rsplit("/", 1)[-1].lower())
            commands.append(command)
            inner = _inner_script(command) if depth < _MAX_DEPTH else None
            if inner is not None:
                _split(*inner, "powershell", depth + 1, commands)
        before = operator
        words = []

    index, length = 0, len(text)
    while index < length:
        if text[index] in _BLANKS:
            index += 1
            continue
        operator = _operator_at(text, index, separators)
        if operator:
            finish(operator)
            index += len(operator)
            continue
        index = _read_word(text, locations, index, kind, separators, words)
    finish(None)


_MAX_DEPTH = 4
_BLANKS = " \t\r\n"


def _inner_script(command: Command) -> tuple[str, list[int]] | None:
    """The script text (and its locations) that ``powershell -Command ...`` runs, if this command is one."""
    if command.name not in ("powershell", "pwsh"):
        return None
    args = command.args
    for index, word in enumerate(args):
        option = word.value.lower()
        if option in ("-command", "-c"):
            rest = args[index + 1:]
            break
        if option in ("-file", "-f", "-encodedcommand", "-e", "-ec"):
            return None  # a script file or base64: nothing to read here
        if not option.startswith("-"):
            rest = args[index:]  # the command line is the first argument that is not an option
            break
    else:
        return None
    text: list[str] = []
    locations: list[int] = []
    for word in rest:
        if text:
            text.append(" ")
            locations.append(locations[-1])
        text.append(word.value)
        locations.extend(word.positions)
    return "".join(text), locations


_POWERSHELL_SEPARATORS = ("&&", "||", ";", "|", "{", "}")
_CMD_SEPARATORS = ("&&", "||", "&", "|")
_OPERATOR_STARTS = frozenset("&|;{}")
_PLAIN = re.compile(r"[^ \t\r\n'\"`^()&|;{}$%]+")


def _operator_at(text: str, index: int, separators: tuple[str, ...]) -> str | None:
    if text[index] not in _OPERATOR_STARTS:  # the common case, answered without a loop
        return None
    for operator in separators:
        if text.startswith(operator, index):
            return operator
    return None


def _read_word(text: str, locations, index: int, kind: str, separators: tuple[str, ...], words: list[Word]) -> int:
    """Reads the word at ``index`` into ``words``; returns where it ends."""
    quotes = "'\"" if kind == "powershell" else '"'
    escape = "`" if kind == "powershell" else "^"
    value: list[str] = []
    positions: list[int] = []
    first = index
    quote = None
    quoted = expands = False
    length = len(text)
    while index < length:
        character = text[index]
        if quote is not None:
            if character == quote:
                quote = None
            else:
                value.append(character)
                positions.append(locations[index])
                expands = expands or (quote == '"' and character in "$%")
            index += 1
            continue
        plain = _PLAIN.match(text, index)
        if plain:  # the common case: a run of characters that are nothing but themselves
            end = plain.end()
            value.append(text[index:end])
            positions.extend(locations[index:end])
            index = end
            continue
        if character in _BLANKS or _operator_at(text, index, separators):
            break
        if character in quotes:
            quote = character
            quoted = True
        elif character == "(" and kind == "powershell":
            # A sub-expression or grouping, ('{0}' -f $v) or $(...): part of the word, however long.
            end = _closing_parenthesis(text, index)
            value.append(text[index:end])
            positions.extend(locations[index:end])
            expands = True
            index = end
            continue
        elif character == escape and index + 1 < length:
            index += 1
            value.append(text[index])
            positions.append(locations[index])
        else:
            value.append(character)
            positions.append(locations[index])
            # $name in PowerShell, %name% in cmd: a value decided when the command runs.
            expands = expands or character == ("$" if kind == "powershell" else "%")
        index += 1
    if value:
        words.append(Word("".join(value), text[first:index], positions[0], positions[-1], quoted, expands,
                          positions))
    elif quoted:  # "" is an empty argument
        words.append(Word("", text[first:index], locations[first], locations[index - 1], True, False,
                          [locations[first]]))
    return index


def _closing_parenthesis(text: str, index: int) -> int:
    """Where the parenthesis opened at ``index`` is closed (just past it), quotes honoured; the end if never."""
    depth = 0
    quote = None
    length = len(text)
    while index < length:
        character = text[index]
        if quote is not None:
            if character == quote:
                quote = None
        elif character in "'\"":
            quote = character
        elif character == "`":
            index += 1
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return length
