"""Text edits that several rules' fixes share: a word inserted after a command word, a command
appended to a RUN, two RUNs merged into one, a shell-form command rewritten in exec form.

Every helper returns edits in physical-line coordinates (what ``Fix`` takes), or
None when the case cannot be edited without risk: exec form, heredoc scripts, a
shell comment or a dangling operator at the end of a script, a word that came
from a variable. A missing fix is fine; a wrong one is not.
"""

from __future__ import annotations

import json
import weakref
from collections import Counter
from typing import TYPE_CHECKING

from pydocklint.findings import Edit, Fix

if TYPE_CHECKING:
    from pydocklint.dockerfile.model import Dockerfile, Instruction
    from pydocklint.dockerfile.packages import PackageCommand
    from pydocklint.dockerfile.shell import Script, Word

# Wrappers that change the user a command runs as: a command added beside it would run as someone else.
_USER_SWITCHING = frozenset({"sudo", "doas", "gosu", "su-exec"})
# Shell built-ins whose effect outlives the command: a command joined after them with && sees it
# (cd changes the directory, export the environment, exec never returns...).
STATEFUL_BUILTINS = frozenset({"cd", "pushd", "popd", "export", "set", "source", ".", "umask", "ulimit", "alias",
                               "unalias", "shopt", "trap", "unset", "exec", "exit", "readonly", "declare",
                               "typeset", "local", "eval", "hash", "enable", "return", "shift"})
# Shell built-ins with no program of the same name in an image: exec form cannot run them.
_SHELL_ONLY = STATEFUL_BUILTINS | frozenset({":", "wait", "read", "type", "times", "getopts", "command",
                                             "builtin", "let", "function", "time", "[[", "!", "if", "for",
                                             "while", "until", "case", "select", "{"})
DEFAULT_INDENT = "    "


# --- inserting an option after a command word -----------------------------------------------------------------


def insert_after_word(script: Script, found: PackageCommand, word: Word | None, text: str) -> Edit | None:
    """Insert ``text`` (e.g. `` --no-cache``) right after ``word`` of the command ``found`` (its action word).

    None when the word is missing, came from a variable's value (it is not written
    in the command) or lies in a JSON exec form, where plain text would break the array.
    """
    instruction = script.instruction
    if word is None or not any(word is written for written in found.command.words):
        return None
    if (instruction.node.trigger or instruction.node).json and found.command.depth == 0:
        return None  # ["pip", "install", ...]: an option is a new JSON string, not text after a word
    line, column = script.position(word.end)
    return Edit.inserting(line, column + 1, text)


def add_option_fix(script: Script, found: PackageCommand, option: str) -> Fix | None:
    """The unsafe fix that writes ``option`` right after the package command's action (``apk add --no-cache``)."""
    edit = insert_after_word(script, found, found.action_word, f" {option}")
    return Fix(f"Add {option}", (edit,), safe=False) if edit else None


# --- appending a command to a RUN -----------------------------------------------------------------------------


def append_command(instruction: Instruction, command: str) -> Edit | None:
    """Run ``command`` after the RUN's script, when it succeeds: `` && command`` at the end of the logical line.

    A script ending with ``;`` gets the ``;`` replaced (``a; b;`` becomes
    ``a; b && command``). None for exec form, heredocs, and a script ending in a
    shell comment, an open quote, ``&``, ``|``, ``&&`` or ``||``.
    """
    end = _script_end(instruction)
    if end is None:
        return None
    start, stop = end
    return Edit.replacing(_range(instruction, start, stop), f" && {command}")


def append_fix(instruction: Instruction, found: PackageCommand, command: str) -> Fix | None:
    """The unsafe fix that runs ``command`` at the end of the RUN where the package command ``found`` is.

    None when the package command runs through ``sudo`` or the like: the
    appended command would run as another user, without its rights.
    """
    if any(word.value.rsplit("/", 1)[-1] in _USER_SWITCHING for word in found.command.wrappers):
        return None
    edit = append_command(instruction, command)
    return Fix(f"Append `{command}` to the RUN", (edit,), safe=False) if edit else None


def _script_end(instruction: Instruction) -> tuple[int, int] | None:
    """Where to put an appended command in the logical line: (start, stop) of the text it replaces.

    ``start == stop`` (just after the last character) unless the script ends
    with a ``;``, which is replaced together with the blanks before it.
    """
    node = instruction.node
    inner = node.trigger or node
    if inner.name != "RUN" or inner.json or inner.heredocs:
        return None
    original = node.original
    scan = _scan_script(original, instruction.args_offset)
    if scan is None:
        return None
    end, final_operator, before_operator = scan
    if final_operator is None:
        return end, end
    if final_operator == ";" and before_operator is not None:
        return before_operator, end
    return None


def _scan_script(text: str, start: int) -> tuple[int, str | None, int | None] | None:
    """Read a shell script's quoting to find how it ends.

    Returns (end of its last significant character, the operator it ends with or
    None, end of what precedes that operator), or None when the end is inside a
    quote or a comment, or the script is empty.
    """
    index, length = start, len(text)
    end = None
    operator: str | None = None
    before_operator: int | None = None
    word_start = True
    while index < length:
        character = text[index]
        if character in " \t":
            word_start = True
            index += 1
            continue
        if character == "#" and word_start:
            return None  # a shell comment: whatever is appended after it would not run
        if character in ";&|<>(":
            if operator is None:
                before_operator = end
                operator = ""
            operator += character
            end = index + 1
            word_start = True
            index += 1
            continue
        if character == "\\":
            if index + 1 >= length:
                return None  # a literal escape at the very end (escape=` files): it would escape our text
            index += 2
        elif character == "'":
            close = text.find("'", index + 1)
            if close < 0:
                return None
            index = close + 1
        elif character == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            if index >= length:
                return None
            index += 1
        else:
            index += 1
        end = index
        operator, before_operator = None, None
        word_start = False
    if end is None:
        return None
    return end, operator, before_operator


def _range(instruction: Instruction, start: int, stop: int) -> tuple[int, int, int, int]:
    """The physical span of ``original[start:stop]``, on the line of the character before ``start``."""
    line, column = _after(instruction, start)
    if stop == start:
        return line, column, line, column
    end_line, end_column = _after(instruction, stop)
    return line, column, end_line, end_column


def _after(instruction: Instruction, offset: int) -> tuple[int, int]:
    """The position just after ``original[offset - 1]``: on its line even when a continuation follows."""
    line, column = instruction.node.position(offset - 1)
    return line, column + 1


# --- merging two RUNs -----------------------------------------------------------------------------------------


def merge_runs(dockerfile: Dockerfile, first: Instruction, second: Instruction) -> tuple[Edit, ...] | None:
    """Edits that make ``second``'s command run after ``first``'s, ``&&``-joined in ``first``.

    ``second``'s keyword and flags go (the caller checks they equal the first's);
    blank lines between the two go; comment lines between them stay, inside the
    continuation, where Docker skips them. None when either is in exec form or
    has heredocs, or when the first leaves state behind (``cd``, ``export``...)
    that would now reach the second's command.
    """
    end = _script_end(first)
    if end is None or second.node.json or second.node.heredocs or second.node.trigger or first.node.trigger:
        return None
    if _leaves_state(dockerfile, first):
        return None
    lines = dockerfile.lines
    start, stop = end
    line, column = _after(first, start)
    if _range(first, start, stop)[2] != line or first.node.end_line != line:
        return None  # the last line is not where the logical line ends: an odd layout, left alone
    escape = dockerfile.escape
    indent, leading = continuation_style(dockerfile)
    edits = [Edit.replacing((line, column, line, len(lines[line - 1]) + 1),
                            f" {escape}" if leading else f" && {escape}")]
    for between in range(line + 1, second.line):
        if not lines[between - 1].strip():
            edits.append(Edit.replacing((between, 1, between + 1, 1), ""))
    second_line, second_column = second.node.position(second.args_offset)
    if second_line != second.line:
        return None  # the command starts on a later line than the keyword: left alone
    edits.append(Edit.replacing((second.line, 1, second_line, second_column), indent + ("&& " if leading else "")))
    return tuple(edits)


def _leaves_state(dockerfile: Dockerfile, instruction: Instruction) -> bool:
    from pydocklint.dockerfile.shell import script_of

    script = script_of(dockerfile, instruction)
    if script is None:
        return True
    return any(not command.words or command.name in STATEFUL_BUILTINS
               for command in script.commands if command.depth == 0 and not command.substitution)


_STYLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def continuation_style(dockerfile: Dockerfile) -> tuple[str, bool]:
    """How the file indents continuation lines, and whether they start with ``&&`` (computed once per file).

    The most common indentation of the continuation lines written, or four
    spaces; ``leading`` when more continuation lines start with ``&&`` than
    lines end with ``&& \\``.
    """
    cached = _STYLES.get(dockerfile)
    if cached is not None:
        return cached
    lines = dockerfile.lines
    escape = dockerfile.escape
    indents: Counter[str] = Counter()
    leading = trailing = 0
    for node in dockerfile.parsed.nodes:
        segment_lines = sorted({segment.line for segment in node.segments})
        for physical in segment_lines[1:]:
            text = lines[physical - 1]
            stripped = text.lstrip(" \t")
            if stripped:
                indents[text[:len(text) - len(stripped)]] += 1
                leading += stripped.startswith(("&&", "||"))
        for physical in segment_lines[:-1]:
            trailing += lines[physical - 1].rstrip().removesuffix(escape).rstrip().endswith(("&&", "||"))
    indent = indents.most_common(1)[0][0] if indents else DEFAULT_INDENT
    style = _STYLES[dockerfile] = (indent or DEFAULT_INDENT, leading > trailing)
    return style


# --- shell form to exec form ----------------------------------------------------------------------------------


def exec_form(command: str) -> str | None:
    """The JSON array that runs a shell-form command without a shell, or None when it needs one.

    Quotes are resolved as the shell would (``nginx -g 'daemon off;'`` becomes
    ``["nginx", "-g", "daemon off;"]``); anything else the shell would act on
    (variables, globs, ``~``, operators, redirections, comments, an assignment
    before the command) means no fix, and so does a command that is a shell
    built-in or keyword (``cd``, ``source``, ``time``), which has no program to exec.
    """
    from pydocklint.dockerfile.shell import _is_assignment

    words = _plain_words(command)
    if words and words[0] == "exec":  # the built-in that hands PID 1 over: exec form needs no such thing
        words = words[1:]
    if not words or not words[0] or words[0] in _SHELL_ONLY or _is_assignment(words[0]):
        return None
    return json.dumps(words, ensure_ascii=False)


_UNQUOTED_SPECIAL = frozenset("|&;<>()$`*?[]{}~#!\\")


def _plain_words(command: str) -> list[str] | None:
    """The words of a command whose only shell syntax is quoting, or None."""
    words: list[str] = []
    current: list[str] | None = None
    index, length = 0, len(command)
    while index < length:
        character = command[index]
        if character in " \t":
            if current is not None:
                words.append("".join(current))
                current = None
            index += 1
            continue
        current = [] if current is None else current
        if character == "'":
            close = command.find("'", index + 1)
            if close < 0:
                return None
            current.append(command[index + 1:close])
            index = close + 1
        elif character == '"':
            close = command.find('"', index + 1)
            inner = command[index + 1:close]
            if close < 0 or any(special in inner for special in "$`\\"):
                return None  # expansions, or escapes whose meaning depends on the next character
            current.append(inner)
            index = close + 1
        elif character in _UNQUOTED_SPECIAL:
            return None
        else:
            current.append(character)
            index += 1
    if current is not None:
        words.append("".join(current))
    return words


def replace_arguments(dockerfile: Dockerfile, instruction: Instruction, text: str) -> Edit | None:
    """Replace an instruction's arguments (after keyword and flags) with ``text``.

    None when the arguments span lines with comments or blank lines between them:
    the comments would be lost.
    """
    original = instruction.node.original
    content_end = len(original.rstrip())
    if content_end <= instruction.args_offset:
        return None
    segment_lines = {segment.line for segment in instruction.node.segments}
    if len(segment_lines) != instruction.node.end_line - instruction.line + 1:
        return None
    line, column = instruction.node.position(instruction.args_offset)
    end_line, end_column = _after(instruction, content_end)
    return Edit.replacing((line, column, end_line, end_column), text)


# --- a starter .dockerignore ----------------------------------------------------------------------------------

_STARTER_HEADER = ("# Starter .dockerignore written by pydocklint (missing-dockerignore): it keeps version control,\n"
                   "# secrets, host-installed dependencies and caches out of the build context. Review it.\n")
# Patterns, each kept only when the Dockerfile does not need what it excludes.
_STARTER_PATTERNS = (".git", ".hg", ".svn", "**/.env", "**/.env.*", "!**/.env.example", "!**/.env.sample",
                     "**/*.key", "**/id_rsa", "**/id_ecdsa", "**/id_ed25519", "**/node_modules",
                     "**/npm-debug.log*", "**/yarn-error.log*", "**/__pycache__", "**/*.py[cod]", "**/.pytest_cache",
                     "**/.mypy_cache", "**/.ruff_cache", "**/.tox", "**/.venv", "**/.coverage", "**/.idea",
                     "**/.vscode", "**/.DS_Store")
_GLOB = str.maketrans({"*": "x", "?": "x"})


def starter_dockerignore(dockerfile: Dockerfile) -> str:
    """A starter ignore file for the build context, without the patterns the Dockerfile's own needs contradict.

    A pattern goes when it would exclude a file a COPY/ADD names (``COPY .env.prod``),
    ``.git`` goes when a RUN runs git or names ``.git`` (version stamps read it), and
    ``node_modules`` goes unless a RUN installs them (otherwise the host's are the ones used).
    """
    from pydocklint.dockerignore import IgnoreFile

    named = _named_sources(dockerfile)
    runs_git, installs_node = _context_needs(dockerfile)
    kept = []
    for pattern in _STARTER_PATTERNS:
        if (pattern == ".git" and runs_git) or (pattern == "**/node_modules" and not installs_node):
            continue
        if not pattern.startswith("!"):
            ignore = IgnoreFile.parse(pattern)
            if any(ignore.excludes(path) for path in named):
                continue
        kept.append(pattern)
    return _STARTER_HEADER + "".join(f"{pattern}\n" for pattern in kept)


def _named_sources(dockerfile: Dockerfile) -> list[str]:
    """The context paths COPY and ADD name (globs made concrete: ``*.key`` -> ``x.key``)."""
    from pydocklint.dockerfile.stages_runtime import copy_paths, is_remote_source

    named = []
    for instruction in dockerfile.instructions:
        if instruction.name not in ("COPY", "ADD") or instruction.flag("from"):
            continue
        for source in copy_paths(instruction)[0]:
            text = source.text
            if source.heredoc or "$" in text or is_remote_source(text):
                continue
            path = text.translate(_GLOB).lstrip("/").removeprefix("./").rstrip("/")
            if path and path != ".":
                named.append(path)
    return named


def _context_needs(dockerfile: Dockerfile) -> tuple[bool, bool]:
    """(a RUN runs git or names .git, a RUN installs node packages)."""
    from pydocklint.dockerfile.packages import package_commands_of
    from pydocklint.dockerfile.shell import run_scripts

    runs_git = installs_node = False
    for _, instruction, script in run_scripts(dockerfile):
        runs_git = runs_git or ".git" in instruction.node.original or bool(script.named("git"))
        installs_node = installs_node or any(found.manager in ("npm", "yarn", "pnpm")
                                             for found in package_commands_of(dockerfile, script))
    return runs_git, installs_node
