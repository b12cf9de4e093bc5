"""BuildKit's second layer: from parser nodes to the model, with the errors Docker refuses.

The parser accepts unknown keywords, any flag and any argument count; BuildKit's
``instructions.Parse`` rejects them before anything is built. This module makes
the same decisions and records each as a :class:`Problem` instead of stopping, so
one run reports every error in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydocklint.dockerfile.ast import Node, ParsedDockerfile
from pydocklint.dockerfile.model import Dockerfile, Flag, Instruction, Problem, Stage

INSTRUCTIONS = (
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
    "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FlagSpec:
    kind: str  # "string", "bool" or "int"
    repeatable: bool = False


_STRING = FlagSpec("string")
_BOOL = FlagSpec("bool")
_REPEATED = FlagSpec("string", repeatable=True)

# Flags each instruction accepts. ARG and STOPSIGNAL are absent on purpose:
# BuildKit never validates their flags.
ALLOWED_FLAGS: dict[str, dict[str, FlagSpec]] = {
    "FROM": {"platform": _STRING},
    "RUN": {"mount": _REPEATED, "network": _STRING, "security": _STRING, "device": _REPEATED},
    "COPY": {"from": _STRING, "chown": _STRING, "chmod": _STRING, "link": _BOOL, "parents": _BOOL, "exclude": _REPEATED},
    "ADD": {
        "chown": _STRING, "chmod": _STRING, "checksum": _STRING, "link": _BOOL,
        "keep-git-dir": _BOOL, "unpack": _BOOL, "exclude": _REPEATED,
    },
    "HEALTHCHECK": {
        "interval": _STRING, "timeout": _STRING, "start-period": _STRING,
        "start-interval": _STRING, "retries": FlagSpec("int"),
    },
    **{name: {} for name in ("CMD", "ENTRYPOINT", "SHELL", "VOLUME", "ENV", "LABEL", "EXPOSE",
                             "USER", "WORKDIR", "MAINTAINER", "ONBUILD")},
}  # fmt: skip

_STAGE_NAME = re.compile(r"^[a-z][a-z0-9\-_.]*$")
_BOOL_VALUES = {"1": True, "t": True, "true": True, "0": False, "f": False, "false": False}
_GO_DURATION = re.compile(r"^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$")
_NETWORK_MODES = ("default", "none", "host")
_SECURITY_MODES = ("sandbox", "insecure")
_ONE_ARGUMENT = ("USER", "WORKDIR", "MAINTAINER", "STOPSIGNAL")
_AT_LEAST_ONE = ("ARG", "ENV", "LABEL", "EXPOSE", "VOLUME", "HEALTHCHECK")


def build(parsed: ParsedDockerfile, path: str) -> Dockerfile:
    """The model of a parsed file, with every problem that makes Docker refuse it.

    A file the parser rejected becomes an empty model whose only problem is that
    error, so the syntax rule reports it and every other rule finds nothing.
    """
    if parsed.error is not None:
        error = parsed.error
        span = (error.line, error.column, error.end_line or error.line,
                error.end_column or error.column + len(_line(parsed, error.line)))
        return Dockerfile(path, parsed, (), (), (), (Problem("invalid-syntax", error.message, span),))
    checker = _Checker(parsed.escape)
    instructions: list[Instruction] = []
    global_args: list[Instruction] = []
    stage_parts: list[list[Instruction]] = []
    has_from = any(node.name == "FROM" for node in parsed.nodes)
    for node in parsed.nodes:
        flags, args_offset = checker.flags_of(node)
        stage = len(stage_parts) - 1 if stage_parts else None
        if node.name == "FROM":
            stage = len(stage_parts)
        instruction = Instruction(node, flags, stage, args_offset)
        instructions.append(instruction)
        checker.check(instruction)
        if node.name == "FROM":
            stage_parts.append([instruction])
        elif stage is None:
            if node.name == "ARG":
                global_args.append(instruction)
            elif node.name in INSTRUCTIONS and has_from:
                checker.problem("instruction-before-from", "no build stage in current context: "
                                f"only ARG may come before the first FROM, not {node.keyword}", instruction.keyword_span)
        else:
            stage_parts[stage].append(instruction)

    if not has_from:  # one error for the file, not one per instruction
        checker.problem("instruction-before-from", "dockerfile contains no stages to build: there is no FROM",
                        instructions[0].keyword_span)

    stages = tuple(_stage(index, part) for index, part in enumerate(stage_parts))
    problems = _empty_continuations(parsed)
    problems.extend(checker.problems)
    return Dockerfile(path, parsed, tuple(instructions), tuple(global_args), stages, tuple(problems))


def _empty_continuations(parsed: ParsedDockerfile) -> list[Problem]:
    """One problem per instruction that BuildKit warns about, placed on its first blank line.

    BuildKit's warning names the instruction's last line; the blank line itself
    is where the reader has to look.
    """
    warned = {warning.line for warning in parsed.warnings}
    problems = []
    for node in parsed.nodes:
        if node.end_line not in warned:
            continue
        last_logical_line = node.segments[-1].line  # heredoc bodies come after it
        blanks = [n for n in range(node.start_line + 1, last_logical_line)
                  if not _line(parsed, n).strip()]
        if blanks:
            first = blanks[0]
            more = f" (and {len(blanks) - 1} more)" if len(blanks) > 1 else ""
            message = (f"empty line inside the continued {node.keyword}{more}: Docker skips it and the "
                       "instruction goes on; BuildKit warns this will become an error")
            problems.append(Problem("empty-continuation", message, (first, 1, first, 1 + len(_line(parsed, first)))))
    return problems


def _line(parsed: ParsedDockerfile, line: int) -> str:
    return parsed.lines[line - 1] if 0 < line <= len(parsed.lines) else ""


def _stage(index: int, part: list[Instruction]) -> Stage:
    from_instruction = part[0]
    args = from_instruction.args
    image = args[0] if args else ""
    name = args[2].lower() if len(args) == 3 and args[1].upper() == "AS" else None
    return Stage(index, from_instruction, image, name, tuple(part[1:]))


def flag_words(original: str, start: int, escape: str = "\\") -> tuple[list[tuple[int, int]], int]:
    """Offsets and lengths of the leading ``--flag`` words after ``start``, and where arguments begin.

    Mirrors how the parser takes flags off the front: quotes group, the escape
    character protects the next character, and a bare ``--`` ends the flags.
    """
    words: list[tuple[int, int]] = []
    position = start
    length = len(original)
    while True:
        while position < length and original[position] in " \t\r\n\v\f":
            position += 1
        if not original.startswith("--", position):
            return words, position
        end = position
        quote = ""
        while end < length:
            char = original[end]
            if char == escape and end + 1 < length:
                end += 2
                continue
            if quote:
                if char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char in " \t\r\n\v\f":
                break
            end += 1
        if end - position == 2:  # a bare "--": flags end, and the word is dropped
            position = end
            while position < length and original[position] in " \t\r\n\v\f":
                position += 1
            return words, position
        words.append((position, end - position))
        position = end


class _Checker:
    """Collects the problems of each instruction as BuildKit would report them."""

    def __init__(self, escape: str) -> None:
        self.problems: list[Problem] = []
        self._escape = escape

    def problem(self, kind: str, message: str, span: tuple[int, int, int, int]) -> None:
        self.problems.append(Problem(kind, message, span))

    def flags_of(self, node: Node) -> tuple[tuple[Flag, ...], int]:
        # The escape directive applies to flag words too (Dockerfile >= 1.15); the
        # node keeps its own flags, so only offsets are found here.
        words, args_offset = flag_words(node.original, len(node.keyword), self._escape)
        flags = []
        for raw, (offset, length) in zip(node.flags, words):
            name, _, value = raw[2:].partition("=")
            flags.append(Flag(name, value if "=" in raw else None, offset, length))
        for raw in node.flags[len(words):]:  # cannot locate (should not happen): point at the keyword
            name, _, value = raw[2:].partition("=")
            flags.append(Flag(name, value if "=" in raw else None, 0, len(node.keyword)))
        return tuple(flags), args_offset

    def check(self, instruction: Instruction) -> None:
        node = instruction.node
        name = node.name
        if name not in INSTRUCTIONS:
            self._unknown_instruction(instruction)
            return
        self._check_flags(instruction)
        method = getattr(self, "_check_" + name.lower(), None)
        if method is not None:
            method(instruction)
        if name in _ONE_ARGUMENT and len(node.args) != 1:
            self.problem("invalid-arguments", f"{name} requires exactly one argument", instruction.span)
        elif name in _AT_LEAST_ONE and not node.args:
            self.problem("invalid-arguments", f"{name} requires at least one argument", instruction.span)

    def _unknown_instruction(self, instruction: Instruction) -> None:
        keyword = instruction.keyword
        message = f"unknown instruction: {keyword}"
        suggestion = did_you_mean(keyword.upper(), INSTRUCTIONS)
        if suggestion:
            message += f" (did you mean {suggestion.lower() if keyword.islower() else suggestion}?)"
        self.problem("unknown-instruction", message, instruction.keyword_span)

    def _check_flags(self, instruction: Instruction) -> None:
        name = instruction.name
        allowed = ALLOWED_FLAGS.get(name)
        if allowed is None:
            return
        if name == "HEALTHCHECK" and instruction.args and instruction.args[0].upper() == "NONE":
            return  # BuildKit does not look at flags of HEALTHCHECK NONE
        seen: set[str] = set()
        for flag in instruction.flags:
            span = instruction.flag_span(flag)
            spec = allowed.get(flag.name)
            if spec is None:
                message = f"unknown flag: --{flag.name} for {name}"
                suggestion = did_you_mean(flag.name, tuple(allowed))
                if suggestion:
                    message += f" (did you mean --{suggestion}?)"
                elif not allowed:
                    message += f" ({name} takes no flags)"
                self.problem("invalid-flag", message, span)
                continue
            if flag.name in seen and not spec.repeatable:
                self.problem("invalid-flag", f"duplicate flag specified: --{flag.name}", span)
            seen.add(flag.name)
            self._check_flag_value(name, flag, spec, span)

    def _check_flag_value(self, instruction: str, flag: Flag, spec: FlagSpec, span) -> None:
        value = flag.value
        if spec.kind == "bool":
            if value is not None and value.lower() not in _BOOL_VALUES:
                message = f"expecting boolean value for flag --{flag.name}, not: {value!r}" if value else \
                    f"missing a value on flag: --{flag.name}="
                self.problem("invalid-flag", message, span)
            return
        if value is None:
            self.problem("invalid-flag", f"missing a value on flag: --{flag.name} (write --{flag.name}=VALUE)", span)
            return
        if spec.kind == "int" and not re.fullmatch(r"[+-]?\d+", value):
            self.problem("invalid-flag", f"--{flag.name} must be a whole number, not {value!r}", span)
        elif instruction == "HEALTHCHECK" and spec.kind == "string" and "$" not in value:
            if not (value == "0" or _GO_DURATION.match(value)):
                self.problem("invalid-flag", f"--{flag.name}={value} is not a duration (write e.g. 30s, 1m30s)", span)
        elif instruction == "RUN" and flag.name == "network" and value not in _NETWORK_MODES:
            self.problem("invalid-flag", f"unsupported network mode {value!r} (use default, none or host)", span)
        elif instruction == "RUN" and flag.name == "security" and value not in _SECURITY_MODES:
            self.problem("invalid-flag", f"unsupported security mode {value!r} (use sandbox or insecure)", span)
        elif instruction == "COPY" and flag.name == "from" and "$" in value:
            self.problem("invalid-flag", f"variable expansion is not supported for --from={value}: define a stage "
                         "with `FROM <image with the ARG> AS name` and copy from it (podman expands it, Docker fails)",
                         span)

    def _check_from(self, instruction: Instruction) -> None:
        args = instruction.args
        if len(args) not in (1, 3) or (len(args) == 3 and args[1].upper() != "AS"):
            hint = ""
            if "\r" in instruction.node.original:
                hint = " (the file has CR-only line endings, which Docker does not treat as line breaks)"
            self.problem("invalid-from", "FROM requires either one argument (FROM image) "
                         f"or three (FROM image AS name), got {len(args)}{hint}", instruction.span)
            return
        if len(args) == 3:
            words = instruction.argument_words()
            offset, word = words[2] if len(words) >= 3 else (0, instruction.keyword)
            span = instruction.span_at(offset, len(word))
            if not _STAGE_NAME.match(args[2].lower()):
                self.problem("invalid-from", f"invalid name for build stage: {args[2]!r}, "
                             "name can't start with a number or contain symbols", span)

    def _check_shell(self, instruction: Instruction) -> None:
        if not instruction.node.json:
            self.problem("shell-not-json", "SHELL requires the arguments to be in JSON form, "
                         'e.g. SHELL ["/bin/bash", "-c"]', instruction.span)
        elif not instruction.args:
            self.problem("invalid-arguments", "SHELL requires at least one argument", instruction.span)

    def _check_copy(self, instruction: Instruction) -> None:
        self._check_copy_arguments(instruction)

    def _check_add(self, instruction: Instruction) -> None:
        self._check_copy_arguments(instruction)

    def _check_copy_arguments(self, instruction: Instruction) -> None:
        node = instruction.node
        if len(node.args) < 2:
            count = "only one was provided" if node.args else "none were provided"
            self.problem("invalid-arguments", f"{instruction.name} requires at least two arguments, "
                         f"but {count}: the destination could not be determined", instruction.span)
            return
        if _is_heredoc_marker(node.args[-1], node):
            self.problem("invalid-arguments", f"{instruction.name} cannot accept a heredoc as a destination",
                         instruction.span)

    def _check_env(self, instruction: Instruction) -> None:
        self._check_blank_names(instruction, instruction.args[0::3])

    def _check_label(self, instruction: Instruction) -> None:
        self._check_blank_names(instruction, instruction.args[0::3])

    def _check_arg(self, instruction: Instruction) -> None:
        self._check_blank_names(instruction, [word.partition("=")[0] for word in instruction.args])

    def _check_blank_names(self, instruction: Instruction, names) -> None:
        if any(not name for name in names):
            self.problem("invalid-arguments", f"{instruction.name} names can not be blank", instruction.span)

    def _check_volume(self, instruction: Instruction) -> None:
        if any(not arg.strip() for arg in instruction.args):
            self.problem("invalid-arguments", "VOLUME specified can not be an empty string", instruction.span)

    def _check_healthcheck(self, instruction: Instruction) -> None:
        args = instruction.args
        if not args:
            return
        kind = args[0].upper()
        if kind == "NONE":
            if len(args) > 1:
                self.problem("invalid-arguments", "HEALTHCHECK NONE takes no arguments", instruction.span)
        elif kind != "CMD":
            self.problem("invalid-arguments", f"unknown type {args[0]!r} in HEALTHCHECK (try CMD)", instruction.span)
        elif len(args) < 2 or not "".join(args[1:]).strip():
            self.problem("invalid-arguments", "missing command after HEALTHCHECK CMD", instruction.span)

    def _check_onbuild(self, instruction: Instruction) -> None:
        trigger = instruction.node.trigger
        if trigger is None:
            self.problem("invalid-arguments", "ONBUILD requires at least one argument", instruction.span)
            return
        if trigger.name in ("ONBUILD", "FROM", "MAINTAINER"):
            what = "Chaining ONBUILD via `ONBUILD ONBUILD`" if trigger.name == "ONBUILD" \
                else f"{trigger.name} as an ONBUILD trigger"
            self.problem("invalid-onbuild", f"{what} isn't allowed", instruction.span)
            return
        flags, args_offset = self.flags_of(trigger)
        self.check(Instruction(trigger, flags, instruction.stage, args_offset))


def _is_heredoc_marker(word: str, node: Node) -> bool:
    if not word.startswith("<<"):
        return False
    name = word[2:].lstrip("-").strip().strip("'\"")
    return any(heredoc.name == name for heredoc in node.heredocs)


def did_you_mean(word: str, choices: tuple[str, ...]) -> str | None:
    """The closest choice within a small edit distance (a third of the word's length, at least 1)."""
    best, best_distance = None, max(1, len(word) // 3) + 1
    for choice in choices:
        distance = _edit_distance(word.lower(), choice.lower())
        if distance < best_distance:
            best, best_distance = choice, distance
    return best


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance where swapping two neighbours counts as one edit (`chwon` is one from `chown`)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
