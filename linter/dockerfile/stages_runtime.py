"""What each stage's image will be at run time: its USER, WORKDIR, SHELL, CMD and so on.

A stage built ``FROM <earlier stage>`` starts with everything that stage set, so
these questions are answered along the chain of stages, once per file, and every
runtime rule reads the answer instead of re-walking the instructions.

What the external base image (``FROM python:3.12``) configures is unknown to a
static linter: ``StageRuntime.get("USER")`` is None when the Dockerfile itself
never sets a USER, and rules must read None as "whatever the base image says".
ONBUILD triggers run in some later build, not in this one, so they are ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from pydocklint.dockerfile.model import Dockerfile, Instruction, Span, Stage

# Instructions whose last occurrence configures the image (the earlier ones are overridden).
_CONFIG = ("USER", "WORKDIR", "SHELL", "CMD", "ENTRYPOINT", "HEALTHCHECK")


@dataclass(frozen=True, eq=False)
class StageRuntime:
    stage: Stage
    parent: StageRuntime | None  # the earlier stage this one is built FROM, if any
    last: dict[str, Instruction] = field(default_factory=dict)  # keyword -> last one, inherited included
    exposes: tuple[Instruction, ...] = ()  # EXPOSE instructions, inherited included
    env: Mapping[str, str] = field(default_factory=dict)  # ENV known at the end of the stage

    @property
    def chain(self) -> list[StageRuntime]:
        """This stage and the earlier stages it is built on, nearest first."""
        runtimes: list[StageRuntime] = []
        runtime: StageRuntime | None = self
        while runtime is not None:
            runtimes.append(runtime)
            runtime = runtime.parent
        return runtimes

    @property
    def root(self) -> StageRuntime:
        """The first stage of the chain: the one built on an external image (or scratch)."""
        return self.chain[-1]

    def get(self, keyword: str) -> Instruction | None:
        return self.last.get(keyword)


def stage_runtimes(dockerfile: Dockerfile) -> tuple[StageRuntime, ...]:
    """One :class:`StageRuntime` per stage, in order (computed once per file)."""
    cached = _CACHE.get(dockerfile)
    if cached is None:
        cached = _CACHE[dockerfile] = _compute(dockerfile)
    return cached


def final_runtime(dockerfile: Dockerfile) -> StageRuntime | None:
    """The stage ``docker build`` produces without ``--target``: the last one."""
    runtimes = stage_runtimes(dockerfile)
    return runtimes[-1] if runtimes else None


_CACHE: WeakKeyDictionary[Dockerfile, tuple[StageRuntime, ...]] = WeakKeyDictionary()


def _compute(dockerfile: Dockerfile) -> tuple[StageRuntime, ...]:
    runtimes: list[StageRuntime] = []
    for stage in dockerfile.stages:
        parent_stage = dockerfile.earlier_stage(stage.image, stage.index)
        parent = runtimes[parent_stage.index] if parent_stage is not None else None
        last = dict(parent.last) if parent else {}
        exposes = list(parent.exposes) if parent else []
        env: Mapping[str, str] = {}
        for instruction, env_after in _walk(dockerfile, stage, parent.env if parent else {}):
            if instruction is None:  # the walk ends with the ENV a later stage inherits
                env = env_after
                break
            name = instruction.name
            if name in _CONFIG:
                last[name] = instruction
            if name == "EXPOSE":
                exposes.append(instruction)
        runtimes.append(StageRuntime(stage, parent, last, tuple(exposes), env))
    return tuple(runtimes)


# ---------------------------------------------------------------------------- variables


def walk_environment(dockerfile: Dockerfile, stage: Stage) -> Iterator[tuple[Instruction, Mapping[str, str]]]:
    """Each instruction of the stage with the ARG/ENV values known when it runs.

    The mapping is the same object throughout, updated as the walk goes: read it
    before taking the next item, never keep it. ENV inherited from an earlier
    stage is included; a value that cannot be known statically (a variable
    without a default, the base image's ENV) is absent, so expanding a word
    that uses it reports the name as unmatched and rules stay quiet.
    """
    parent = dockerfile.earlier_stage(stage.image, stage.index)
    inherited = stage_runtimes(dockerfile)[parent.index].env if parent is not None else {}
    for instruction, env in _walk(dockerfile, stage, inherited):
        if instruction is None:
            return
        yield instruction, env


def _walk(dockerfile: Dockerfile, stage: Stage, inherited: Mapping[str, str]):
    """Yields (instruction, env) for each instruction, then (None, the ENV a later stage inherits)."""
    from pydocklint.dockerfile.scope import global_arg_defaults
    from pydocklint.dockerfile.variables import ExpansionError, expand

    globals_ = global_arg_defaults(dockerfile)
    # Copied on the first ARG/ENV only: most stages set none, and long chains of
    # stages would otherwise copy the inherited ENV once per stage.
    env: Mapping[str, str] = inherited
    env_only: Mapping[str, str] = inherited  # what a later stage inherits: ENV, not ARG
    for instruction in stage.instructions:
        yield instruction, env
        if instruction.name not in ("ARG", "ENV") or not instruction.args:
            continue
        if env is inherited:
            env = dict(inherited)
        if instruction.name == "ARG":
            for word in instruction.args:
                name, has_default, default = word.partition("=")
                if has_default:
                    _assign(env, name, default, dockerfile.escape, expand, ExpansionError)
                elif globals_.get(name) is not None:  # `ARG X` takes the global default into the stage
                    env[name] = globals_[name]
                else:
                    env.pop(name, None)
        else:
            if env_only is inherited:
                env_only = dict(inherited)
            args = instruction.args
            for index in range(0, len(args) - 1, 3):  # key, value, separator triples
                _assign(env, args[index], args[index + 1], dockerfile.escape, expand, ExpansionError)
                _copy(env, env_only, args[index])
    yield None, env_only


def _copy(source: Mapping[str, str], target: dict[str, str], name: str) -> None:
    if name in source:
        target[name] = source[name]
    else:
        target.pop(name, None)


def _assign(env: dict[str, str], name: str, raw: str, escape: str, expand, error) -> None:
    try:
        expansion = expand(raw, env, escape=escape)
    except error:
        env.pop(name, None)
        return
    if expansion.unmatched:
        env.pop(name, None)
    else:
        env[name] = expansion.value


def expand_known(word: str, env: Mapping[str, str], escape: str) -> str | None:
    """The word with quotes removed and variables substituted, or None when a value is unknown or invalid."""
    from pydocklint.dockerfile.variables import ExpansionError, expand

    try:
        expansion = expand(word, env, escape=escape)
    except ExpansionError:
        return None
    return None if expansion.unmatched else expansion.value


# ---------------------------------------------------------------------------- USER


@dataclass(frozen=True, slots=True)
class User:
    """The user of a ``USER`` instruction, its variables substituted."""

    written: str  # the argument as written
    value: str  # after substitution
    span: Span  # of the argument

    @property
    def name(self) -> str:
        """The user part, before any `:group`."""
        return self.value.partition(":")[0]

    @property
    def shown(self) -> str:
        """The argument as written, with its value when a variable was substituted."""
        return self.written if self.written == self.value else f"{self.written} (= {self.value})"

    @property
    def is_root(self) -> bool:
        return self.name == "root" or (self.name.isdigit() and int(self.name) == 0)

    @property
    def is_numeric(self) -> bool:
        return self.name.isdigit()


def user_of(dockerfile: Dockerfile, instruction: Instruction) -> User | None:
    """What a USER instruction sets, or None when its value is unknown statically."""
    words = instruction.argument_words()
    if len(instruction.args) != 1 or not words:
        return None
    value = expand_known(instruction.args[0], environment_at(dockerfile, instruction), dockerfile.escape)
    if not value:
        return None
    offset, word = words[0]
    return User(instruction.args[0], value, instruction.span_at(offset, len(word)))


def environment_at(dockerfile: Dockerfile, instruction: Instruction) -> Mapping[str, str]:
    """The ARG/ENV values known when one instruction of a stage runs (a copy; walks the stage once)."""
    if instruction.stage is None:
        return {}
    for candidate, env in walk_environment(dockerfile, dockerfile.stages[instruction.stage]):
        if candidate is instruction:
            return dict(env)
    return {}


# ---------------------------------------------------------------------------- spans and commands


def image_span(stage: Stage) -> Span:
    """The span of the image word of the stage's FROM (the whole FROM when there is none)."""
    instruction = stage.from_instruction
    words = instruction.argument_words()
    if not words:
        return instruction.span
    offset, word = words[0]
    return instruction.span_at(offset, len(word))


def arguments_span(instruction: Instruction) -> Span:
    """From the first argument (after keyword and flags) to the end of the logical line."""
    original = instruction.node.original
    start = instruction.args_offset
    if start >= len(original.rstrip()):
        return instruction.span
    return instruction.span_at(start, len(original.rstrip()) - start)


def uses_shell_syntax(command: str) -> bool:
    """True when a shell-form command needs a shell: pipes, lists, redirection, variables, quoting, globs."""
    words = command.split()
    assigns_variable = bool(words) and "=" in words[0]  # `FOO=bar app`
    return assigns_variable or any(char in command for char in _SHELL_CHARACTERS)


def exec_form_suggestion(command: str) -> str | None:
    """The JSON exec form of a shell-form command made of plain words, or None if it needs a shell."""
    if uses_shell_syntax(command):
        return None
    words = command.split()
    if words[:1] == ["exec"]:  # the shell builtin that hands PID 1 over: exec form needs no such thing
        words = words[1:]
    return json.dumps(words) if words else None


_SHELL_CHARACTERS = set("|&;<>()$`\\\"'*?[]{}~#\n")


# ---------------------------------------------------------------------------- EXPOSE


@dataclass(frozen=True, slots=True)
class ExposedPort:
    """One EXPOSE entry after BuildKit's variable substitution and word splitting."""

    instruction: Instruction
    written: str  # the word as written
    value: str  # after substitution
    span: Span  # of the written word

    @property
    def port_and_protocol(self) -> tuple[str, str | None]:
        port, slash, protocol = self.value.partition("/")
        return port, protocol if slash else None


def exposed_ports(dockerfile: Dockerfile) -> Iterator[ExposedPort]:
    """Every EXPOSE entry of every stage whose value is known (words with unknown variables are skipped)."""
    for stage in dockerfile.stages:
        walk = None
        for instruction in stage.instructions:
            if instruction.name != "EXPOSE":
                continue
            if walk is None and "$" in instruction.node.original:
                walk = {i: dict(env) for i, env in walk_environment(dockerfile, stage) if i.name == "EXPOSE"}
            env = walk.get(instruction, {}) if walk else {}
            for offset, word in instruction.argument_words():
                value = expand_known(word, env, dockerfile.escape)
                if value is None:
                    continue
                span = instruction.span_at(offset, len(word))
                for part in value.split():
                    yield ExposedPort(instruction, word, part, span)


# ---------------------------------------------------------------------------- COPY and ADD


@dataclass(frozen=True, slots=True)
class CopyPath:
    """A source or the destination of a COPY/ADD, as written, with where it is."""

    text: str
    span: Span
    heredoc: bool = False  # a ``<<EOF`` source: content from the Dockerfile itself


def copy_paths(instruction: Instruction) -> tuple[list[CopyPath], CopyPath | None]:
    """The sources and the destination of a COPY or ADD.

    No destination when there are fewer than two arguments, or when a flag that
    needs a value has none (Docker refuses the instruction; a syntax rule says so).
    """
    args = instruction.args
    if len(args) < 2 or any(flag.value is None and flag.name in _VALUED_COPY_FLAGS for flag in instruction.flags):
        return [], None  # too few arguments, or `--chown 1:1` that Docker refuses: no reliable sources
    if instruction.node.json:
        span = arguments_span(instruction)
        paths = [CopyPath(arg, span) for arg in args]
    else:
        words = instruction.argument_words()
        if len(words) != len(args):  # should not happen; fall back to the arguments' span
            span = arguments_span(instruction)
            paths = [CopyPath(arg, span) for arg in args]
        else:
            paths = [CopyPath(arg, instruction.span_at(offset, len(word))) for arg, (offset, word) in zip(args, words)]
    heredoc_markers = {f"<<{h.name}" for h in instruction.node.heredocs}
    sources = [CopyPath(p.text, p.span, _is_heredoc(p.text, heredoc_markers)) for p in paths[:-1]]
    return sources, paths[-1]


_VALUED_COPY_FLAGS = frozenset({"from", "chown", "chmod", "checksum", "exclude"})


def _is_heredoc(word: str, names: set[str]) -> bool:
    if not word.startswith("<<"):
        return False
    bare = "<<" + word[2:].lstrip("-").strip("'\"")
    return bare in names


def is_remote_source(path: str) -> bool:
    """An ADD source BuildKit fetches: an http(s) URL or a Git repository."""
    lowered = path.lower()
    return bool(_URL.match(lowered)) or lowered.startswith("git@")


def is_git_source(path: str) -> bool:
    """A Git repository ADD clones: git@…, git://…, ssh://…, or an http(s) URL to a .git path or with a #ref."""
    lowered = path.lower()
    if lowered.startswith(("git@", "git://", "ssh://")):
        return True
    if lowered.startswith(("http://", "https://")):
        location = lowered.split("#", 1)[0].split("?", 1)[0].rstrip("/")
        return location.endswith(".git") or "#" in lowered
    return False


def is_download(source: str) -> bool:
    """An ADD source BuildKit downloads as a file: http(s), not a Git repository, and not a GitHub API ref
    (``ADD https://api.github.com/repos/o/r/git/refs/heads/main /ref.json`` is the usual deliberate cache bust)."""
    lowered = source.lower()
    if not lowered.startswith(("http://", "https://")) or is_git_source(source):
        return False
    return not lowered.split("://", 1)[1].startswith("api.github.com/")


def is_archive_name(path: str) -> bool:
    """A name ADD may auto-extract (a tar archive, possibly compressed), judged by its extension."""
    return path.lower().endswith(_ARCHIVE_EXTENSIONS)


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://")
_ARCHIVE_EXTENSIONS = (
    ".tar", ".tgz", ".taz", ".tb2", ".tbz", ".tbz2", ".tlz", ".txz", ".tzst", ".tz", ".tpz",
    ".gz", ".bz2", ".xz", ".lz", ".lzma", ".zst", ".z",
)  # fmt: skip


# ---------------------------------------------------------------------------- LABEL


@dataclass(frozen=True, slots=True)
class Label:
    """One key=value pair of a LABEL instruction."""

    instruction: Instruction
    written: str  # the key as written, quotes included
    key: str | None  # after quote removal and substitution; None when a variable is unknown
    value: str | None  # likewise
    span: Span  # of the key as written
    value_span: Span  # of the value as written (just after the key when the value is empty)


def labels(dockerfile: Dockerfile) -> tuple[Label, ...]:
    """Every LABEL pair of every stage (ONBUILD triggers excluded), in file order (computed once per file)."""
    cached = _LABELS.get(dockerfile)
    if cached is None:
        cached = _LABELS[dockerfile] = tuple(_labels(dockerfile))
    return cached


_LABELS: WeakKeyDictionary[Dockerfile, tuple[Label, ...]] = WeakKeyDictionary()


def _labels(dockerfile: Dockerfile) -> Iterator[Label]:
    for stage in dockerfile.stages:
        if not any(i.name == "LABEL" for i in stage.instructions):
            continue
        for instruction, env in walk_environment(dockerfile, stage):
            if instruction.name != "LABEL":
                continue
            original = instruction.node.original
            position = instruction.args_offset
            args = instruction.args
            for index in range(0, len(args) - 1, 3):  # key, value, separator triples
                written, raw_value = args[index], args[index + 1]
                start = _find(original, written, position, instruction.args_offset)
                position = start + len(written)
                value_start = _find(original, raw_value, position, position) if raw_value else position + 1
                if raw_value:
                    position = value_start + len(raw_value)
                yield Label(instruction, written, expand_known(written, env, dockerfile.escape),
                            expand_known(raw_value, env, dockerfile.escape), instruction.span_at(start, len(written)),
                            instruction.span_at(value_start, len(raw_value)))


def _find(text: str, word: str, start: int, fallback: int) -> int:
    found = text.find(word, start)
    return found if found >= 0 else fallback


# ---------------------------------------------------------------------------- what kind of image


def command_words(instruction: Instruction) -> list[str]:
    """The words of a CMD or ENTRYPOINT: the exec form's list, or the shell form split on whitespace."""
    return list(instruction.args) if instruction.node.json else " ".join(instruction.args).split()


def start_command(runtime: StageRuntime) -> list[str]:
    """The words of the image's effective ENTRYPOINT then CMD."""
    return [word for keyword in ("ENTRYPOINT", "CMD") if (instruction := runtime.get(keyword)) is not None
            for word in command_words(instruction)]


def runs_interactive_tool(runtime: StageRuntime) -> bool:
    """Whether the image starts a bare shell or interpreter (`bash`, `python`): a tooling image, not a service."""
    words = start_command(runtime)
    return len(words) == 1 and words[0].replace("\\", "/").rsplit("/", 1)[-1].lower() in _INTERACTIVE_TOOLS


_INTERACTIVE_TOOLS = frozenset({
    "sh", "bash", "ash", "dash", "zsh", "fish", "ksh", "pwsh", "powershell", "powershell.exe", "cmd", "cmd.exe",
    "python", "python3", "python2", "ipython", "node", "deno", "bun", "irb", "ruby", "perl", "php", "lua", "r",
    "julia", "ghci", "iex", "erl", "scala", "jshell", "groovysh", "sqlite3", "psql", "mysql", "redis-cli",
})  # fmt: skip


def is_windows(dockerfile: Dockerfile, runtime: StageRuntime) -> bool:
    """Whether the stage's chain starts from a Windows image (by its name or its --platform)."""
    stage = runtime.root.stage
    platform = (stage.platform or "").lower()
    if platform.startswith("windows"):
        return True
    from pydocklint.dockerfile.images import resolve_base_image

    image = (resolve_base_image(dockerfile, stage) or stage.image).lower()
    return any(marker in image for marker in _WINDOWS_IMAGE_MARKERS)


_WINDOWS_IMAGE_MARKERS = ("windows/servercore", "windows/nanoserver", "/windows:", "nanoserver", "servercore",
                          "windowsservercore", "mcr.microsoft.com/windows",
                          "mcr.microsoft.com/dotnet/framework/")  # .NET Framework images exist for Windows only


# ---------------------------------------------------------------------------- paths


def path_is_relative(word: str, env: Mapping[str, str], escape: str) -> bool | None:
    """Whether a path word is relative once substituted; None when that depends on an unknown value.

    `dir_${VERSION}` is relative whatever VERSION holds; `$HOME/app` is unknown.
    """
    path = expand_known(word, env, escape)
    if path is not None:
        return not is_absolute_path(path)
    if word.startswith("$") or word.startswith(("'$", '"$')):
        return None
    return not is_absolute_path(word.strip("'\""))


def is_absolute_path(path: str) -> bool:
    """POSIX absolute, or a Windows drive/UNC path (BuildKit accepts both for Windows images)."""
    if path.startswith("/") or path.startswith("\\"):
        return True
    return len(path) >= 3 and path[0].isalpha() and path[1] == ":" and path[2] in "/\\"


# ---------------------------------------------------------------------------- exec-form commands


@dataclass(frozen=True, slots=True)
class ExecCommand:
    """An exec-form RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD: the argv as written."""

    instruction: Instruction
    keyword: str  # "RUN", "CMD", "ENTRYPOINT" or "HEALTHCHECK CMD" (the trigger's for ONBUILD)
    words: list  # shell.Word: each JSON string with its location
    runs_program: bool  # the first word is the program; False for a CMD that only gives ENTRYPOINT arguments

    def span(self, word) -> Span:
        return self.instruction.span_at(word.start, word.end + 1 - word.start)


def exec_commands(dockerfile: Dockerfile) -> Iterator[ExecCommand]:
    """Every exec-form command of the file, ONBUILD triggers included (their ENTRYPOINT is unknown)."""
    from pydocklint.dockerfile.shell import exec_form_words

    for runtime in stage_runtimes(dockerfile):
        has_entrypoint = runtime.get("ENTRYPOINT") is not None
        for instruction in runtime.stage.instructions:
            node = instruction.node.trigger or instruction.node
            name = node.name
            words = exec_form_words(instruction) if name in ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK") else []
            if name == "HEALTHCHECK":  # the JSON array follows the CMD word
                if not node.args or node.args[0].upper() != "CMD":
                    continue
                name = "HEALTHCHECK CMD"
            if words:
                program = name != "CMD" or (not has_entrypoint and node is instruction.node)
                yield ExecCommand(instruction, name, words, program)
