"""One pass over the stages the target needs: per instruction, the layer it makes and its cache inputs.

:func:`simulate` walks the stages in file order with each stage's build state
(ENV/ARG values, WORKDIR, USER, installed apt packages, the files its COPYs put
where) and produces one :class:`Step` per instruction. Sizes are filled here;
:mod:`pydocklint.simulate.cache` decides hit or miss from the recorded inputs.
"""

from __future__ import annotations

import copy
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass, field, replace

from pydocklint.context import BuildContext
from pydocklint.dockerfile.model import Dockerfile, Instruction, Stage
from pydocklint.dockerfile.scope import global_arg_defaults, stage_by_reference, stage_dependencies, stages_needed_by
from pydocklint.simulate import apt
from pydocklint.simulate.base import BaseSize, lookup
from pydocklint.simulate.commands import RunFacts, run_facts
from pydocklint.simulate.context_files import normalise_source, select
from pydocklint.simulate.resolve import from_image
from pydocklint.simulate.tables import base_images, cache_figure
from pydocklint.simulate.units import human as _mb

LAYER_INSTRUCTIONS = frozenset({"RUN", "COPY", "ADD", "WORKDIR"})
EMPTY_LAYER_GZ = 32  # a layer with no changes is a 32-byte gzip (sha256:4f4fb700...)
# Commands whose own writes are negligible (a few KB at most).
TRIVIAL_COMMANDS = frozenset({
    "mkdir", "chmod", "chown", "chgrp", "ln", "echo", "printf", "useradd", "groupadd", "adduser", "addgroup",
    "usermod", "groupmod", "userdel", "deluser", "groupdel", "passwd", "chpasswd", "rm", "rmdir", "mv", "touch",
    "true", "false", "set", "export", "cd", "test", "[", ":", "exit", "unset", "umask", "ulimit", "source", ".",
    "id", "whoami", "ls", "sed", "which", "command", "type", "hash", "uname", "arch", "env", "cat", "grep", "find",
    "tee", "mktemp", "readlink", "dirname", "basename", "head", "tail", "sort", "awk", "cut", "tr", "wc", "getent",
    "date", "pwd", "stat", "du", "df", "nproc", "sync", "sleep", "su", "runuser", "ldconfig",
    "update-ca-certificates", "update-alternatives", "dpkg-reconfigure", "dpkg-architecture", "debconf-set-selections",
    "apt-key", "apt-mark", "gpg", "gpgconf", "gpgv", "setcap", "systemctl", "service", "update-rc.d", "rc-update",
    "locale", "dpkg",
})  # fmt: skip  (anything that copies, builds, downloads or runs a script is not here: its size is unknown)
_ARCHIVE = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst")
_GIT_SHA = re.compile(r"#[0-9a-f]{40}$")
APT_LISTS = "/var/lib/apt/lists"


@dataclass
class Step:
    """One instruction of a built stage: its layer and what its cache key is made of."""

    stage: Stage
    instruction: Instruction
    creates_layer: bool
    bytes: int | None = None  # uncompressed bytes the layer adds; None when unknown
    compressed_bytes: int | None = None
    complete: bool = True  # False: the figure leaves out parts of unknown size
    reason: str = ""
    in_image: bool = False  # part of the target image (the target stage or a stage it is built FROM)
    # Cache inputs (see cache.py).
    definition: str = ""  # the instruction as BuildKit keys it: expanded text, flags, env, workdir, user
    uses_parent: bool = True  # False for COPY --link: keyed without the layers below
    context_sources: tuple[str, ...] = ()  # context sources whose content is in the key
    stage_inputs: tuple[int, ...] = ()  # stages whose output is in the key (COPY --from, mount from)
    volatile: str | None = None  # why the step can never be trusted to hit
    is_base: bool = False  # the FROM row
    parent_stage: int | None = None  # FROM <stage>
    # Filled by cache.py.
    cache: str | None = None  # "hit", "miss" or None (no vertex)
    cache_reason: str = ""
    facts: RunFacts | None = field(default=None, repr=False)

    @property
    def line(self) -> int:
        return self.instruction.line

    @property
    def text(self) -> str:
        first = self.instruction.node.original.strip().splitlines()[0] if self.instruction.node.original.strip() else ""
        return re.sub(r"\s+", " ", first)


@dataclass
class StageState:
    """What a stage has built so far; a ``FROM <stage>`` starts from a copy of its parent's."""

    env: dict[str, str] = field(default_factory=dict)
    declared_args: set[str] = field(default_factory=set)
    workdir: str = "/"
    user: str = ""
    apt_installed: set[str] | None = None  # None until the first apt install needs it
    apt_base_kind: str = "minbase"
    apt_slim: bool = True
    apt_release: str = "trixie"
    apt_release_note: str = ""
    # One entry per apt install: the names asked for, and every package it added with its (bytes, gz).
    apt_groups: list[tuple[set[str], dict[str, tuple[int, int]]]] = field(default_factory=list)
    files: list[tuple[str, int, int]] = field(default_factory=list)  # (absolute path, bytes, gz) COPY put there
    leftovers: list[tuple[str, int, int]] = field(default_factory=list)  # caches left in layers: (path, bytes, gz)
    wasted: int = 0
    wasted_compressed: int = 0
    total: int | None = 0
    total_compressed: int | None = 0
    complete: bool = True
    base: BaseSize | None = None
    env_fingerprint: int = 0  # XOR of the (name, value) digests: the env's identity, updated in O(1)

    def set_env(self, name: str, value: str) -> None:
        """Set an ENV (or valued ARG) and keep the fingerprint RUN keys use without re-hashing the whole env."""
        old = self.env.get(name)
        if old is not None:
            self.env_fingerprint ^= _pair_digest(name, old)
        self.env[name] = value
        self.env_fingerprint ^= _pair_digest(name, value)


@dataclass
class Simulation:
    dockerfile: Dockerfile
    target: Stage
    built_stages: tuple[int, ...]  # in file order
    steps: list[Step]
    states: dict[int, StageState]
    build_args: dict[str, str]
    context: BuildContext | None

    @property
    def final(self) -> StageState:
        return self.states[self.target.index]

    @property
    def image_steps(self) -> list[Step]:
        return [step for step in self.steps if step.in_image]

    def biggest_layers(self, count: int = 3) -> list[Step]:
        layers = [step for step in self.image_steps if step.compressed_bytes and not step.is_base]
        return sorted(layers, key=lambda step: -(step.compressed_bytes or 0))[:count]


class SimulationError(ValueError):
    """A target that does not exist, or a file without stages."""


def simulate(dockerfile: Dockerfile, *, target: str | None = None, build_args: dict[str, str] | None = None,
             context: BuildContext | None = None) -> Simulation:
    """Sizes and cache inputs of every instruction of the stages the target needs."""
    if not dockerfile.stages:
        raise SimulationError("the Dockerfile has no FROM instruction: nothing to build")
    build_args = dict(build_args or {})
    target_stage = _target(dockerfile, target)
    needs = stage_dependencies(dockerfile)
    built = sorted(stages_needed_by(needs, target_stage.index)) if needs is not None else \
        list(range(target_stage.index + 1))
    globals_ = _global_values(dockerfile, build_args)
    image_chain = _image_chain(dockerfile, target_stage, globals_)
    states: dict[int, StageState] = {}
    steps: list[Step] = []
    walker = _Walker(dockerfile, build_args, globals_, context, states)
    for index in built:
        stage = dockerfile.stages[index]
        steps.extend(walker.stage(stage, in_image=index in image_chain))
    return Simulation(dockerfile, target_stage, tuple(built), steps, states, build_args, context)


def _target(dockerfile: Dockerfile, target: str | None) -> Stage:
    if target is None:
        return dockerfile.stages[-1]
    stage = stage_by_reference(dockerfile, target)
    if stage is None:
        names = ", ".join(sorted(dockerfile.stage_names)) or "none"
        raise SimulationError(f"no stage named {target!r} (stages: {names})")
    return stage


def _image_chain(dockerfile: Dockerfile, stage: Stage, globals_: dict[str, str]) -> set[int]:
    """The target stage and the stages it is built FROM, whose layers are all in the image."""
    chain = {stage.index}
    while True:
        image = from_image(dockerfile, stage, globals_)
        parent = dockerfile.earlier_stage(image.reference.lower(), stage.index) if image.resolved else None
        if parent is None:
            return chain
        chain.add(parent.index)
        stage = parent


def _global_values(dockerfile: Dockerfile, build_args: dict[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, default in global_arg_defaults(dockerfile).items():
        if name in build_args:
            values[name] = build_args[name]
        elif default is not None:
            values[name] = default
    return values


def _expand(text: str, env: dict[str, str], escape: str) -> str:
    from pydocklint.dockerfile.variables import ExpansionError, expand

    try:
        return expand(text, env, escape=escape).value
    except ExpansionError:
        return text




class _Walker:
    def __init__(self, dockerfile: Dockerfile, build_args: dict[str, str], globals_: dict[str, str],
                 context: BuildContext | None, states: dict[int, StageState]) -> None:
        self.dockerfile = dockerfile
        self.build_args = build_args
        self.globals = globals_
        self.context = context
        self.states = states
        from pydocklint.dockerfile.shell import shells

        self._shells = shells(dockerfile)  # the SHELL in effect at each instruction: part of a RUN's argv

    # --- stages ----------------------------------------------------------------------------------------------

    def stage(self, stage: Stage, *, in_image: bool) -> list[Step]:
        from_step, state = self._from(stage)
        from_step.in_image = in_image
        steps = [from_step]
        self.states[stage.index] = state
        for instruction in stage.instructions:
            step = self._instruction(stage, instruction, state)
            step.in_image = in_image
            if step.creates_layer:
                self._add(state, step)
            steps.append(step)
        return steps

    def _from(self, stage: Stage) -> tuple[Step, StageState]:
        instruction = stage.from_instruction
        resolved = from_image(self.dockerfile, stage, self.globals)
        image, unresolved = resolved.reference, not resolved.resolved
        parent = self.dockerfile.earlier_stage(image.lower(), stage.index) if not unresolved else None
        step = Step(stage, instruction, creates_layer=False, is_base=True)
        if parent is not None and parent.index in self.states:
            state = copy.deepcopy(self.states[parent.index])
            step.parent_stage = parent.index
            step.bytes, step.compressed_bytes = state.total, state.total_compressed
            step.complete = state.complete
            assumed = f" ({resolved.note})" if resolved.note else ""
            step.reason = (f"FROM stage {parent.name or parent.index}{assumed}: "
                           f"{_mb(state.total_compressed)} compressed so far")
            step.definition = json.dumps(["FROM-STAGE", parent.index])
            return step, state
        state = StageState()
        if unresolved:
            base = BaseSize(image, None, None, False, "unknown",
                            f"{stage.image}: size unknown: {resolved.why_unresolved}")
        else:
            base = lookup(image)
            if resolved.note:
                base = replace(base, reason=f"{base.reason} ({resolved.note})")
        state.base = base
        state.total, state.total_compressed, state.complete = base.bytes, base.compressed_bytes, base.known
        step.bytes, step.compressed_bytes, step.complete, step.reason = (base.bytes, base.compressed_bytes,
                                                                         base.known, base.reason)
        step.definition = json.dumps(["FROM", image, stage.platform or ""])
        if unresolved:
            step.volatile = "the base image depends on a --build-arg value"
        self._apt_base(state, base)
        return step, state

    def _apt_base(self, state: StageState, base: BaseSize) -> None:
        """Which Debian release's index sizes apt installs, and which packages the base already has."""
        image, tag, family = base.image, base.tag, base.family if base.known else "full"
        if image == "buildpack-deps":
            kind = "buildpack-curl" if "curl" in tag else "buildpack-scm" if "scm" in tag else "buildpack-full"
        elif family == "full" and image in ("python", "node", "ruby", "golang", "rust", "gcc", "perl", "openjdk"):
            kind = "buildpack-full"
        elif image in ("debian", "ubuntu", "") or image == "scratch":
            kind = "minbase"
        else:
            kind = "slim-extras"
        state.apt_release, state.apt_release_note = apt_release(base)
        state.apt_base_kind = kind  # the package set is computed at the stage's first apt install
        state.apt_slim = family != "full" or image == "ubuntu"

    def _add(self, state: StageState, step: Step) -> None:
        if state.total is not None:
            state.total = state.total + (step.bytes or 0)
        if state.total_compressed is not None:
            state.total_compressed = state.total_compressed + (step.compressed_bytes or 0)
        if not step.complete or step.bytes is None:
            state.complete = False

    # --- instructions ----------------------------------------------------------------------------------------

    def _instruction(self, stage: Stage, instruction: Instruction, state: StageState) -> Step:
        name = instruction.name
        step = Step(stage, instruction, creates_layer=name in LAYER_INSTRUCTIONS)
        if name == "ENV":
            self._env(instruction, state)
            step.reason = "metadata only: no layer"
        elif name == "ARG":
            self._arg(instruction, state)
            step.reason = "metadata only: no layer"
        elif name == "WORKDIR":
            path = _expand(instruction.args[0], state.env, self.dockerfile.escape) if instruction.args else "/"
            state.workdir = posixpath.normpath(posixpath.join(state.workdir, path))
            step.bytes, step.compressed_bytes = 0, EMPTY_LAYER_GZ
            step.reason = f"WORKDIR {state.workdir}: an empty directory layer"
            step.definition = json.dumps(["WORKDIR", state.workdir, state.user])
        elif name == "USER":
            state.user = _expand(instruction.args[0], state.env, self.dockerfile.escape) if instruction.args else ""
            step.reason = "metadata only: no layer"
        elif name == "RUN":
            self._run(step, state)
        elif name in ("COPY", "ADD"):
            self._copy(step, state)
        elif name == "ONBUILD":
            step.reason = "ONBUILD trigger: runs only in images built FROM this one"
        else:
            step.reason = "metadata only: no layer"
        return step

    def _env(self, instruction: Instruction, state: StageState) -> None:
        args = instruction.args
        for index in range(0, len(args) - 1, 3):
            state.set_env(args[index], _expand(args[index + 1], state.env, self.dockerfile.escape))

    def _arg(self, instruction: Instruction, state: StageState) -> None:
        for word in instruction.args:
            name, has_default, default = word.partition("=")
            state.declared_args.add(name)
            if name in self.build_args:
                state.set_env(name, self.build_args[name])
            elif has_default:
                state.set_env(name, _expand(default, state.env, self.dockerfile.escape))
            elif name in self.globals:
                state.set_env(name, self.globals[name])

    # --- RUN -------------------------------------------------------------------------------------------------

    def _run(self, step: Step, state: StageState) -> None:
        instruction = step.instruction
        node = instruction.node
        text = node.original[instruction.args_offset:] + "".join(h.content for h in node.heredocs)
        mounts = [_mount_key(value) for value in instruction.flag_values("mount")]
        other_flags = sorted(f"{flag.name}={flag.value}" for flag in instruction.flags if flag.name != "mount")
        shell = [] if node.json else list(self._shells.get(instruction, ()))
        step.definition = json.dumps(["RUN", shell, text, state.env_fingerprint, state.workdir, state.user,
                                      mounts, other_flags])
        step.context_sources, step.stage_inputs = self._mount_inputs(instruction)
        facts = run_facts(self.dockerfile, instruction)
        step.facts = facts
        if not facts.analysed:
            step.complete = False
            step.reason = "not analysed (not run by a POSIX shell): size unknown"
            return
        parts: list[str] = []
        raw = gz = 0
        complete = True
        unknown_parts: list[str] = []
        earlier_groups = len(state.apt_groups)
        for install in facts.installs:
            if install.manager == "apt" and install.packages:
                size, size_gz, note, known = _apt_install(install, state)
                raw += size
                gz += size_gz
                complete = complete and known
                parts.append(note)
            else:
                complete = False
                unknown_parts.append(self._unknown_install(install, facts))
        lists_left = self._apt_lists_left(facts)
        if lists_left:
            lists_raw = cache_figure("apt", "lists left in layer")
            lists_gz = 14_695_614  # the gzip6 figure measured with that row (package_cache_measurements.tsv notes)
            raw += lists_raw
            gz += lists_gz
            state.leftovers.append((APT_LISTS, lists_raw, lists_gz))
            parts.append(f"apt lists left behind: ~{_mb(lists_gz)}")
        purged, purged_gz = _purge(facts, state.apt_groups[earlier_groups:], apt_marked="apt-mark" in facts.command_names)
        if purged:  # installed and purged by the same RUN: never in the layer (build dependencies)
            raw, gz = max(raw - purged, 0), max(gz - purged_gz, 0)
            parts.append(f"{_mb(purged_gz)} of it purged again in the same RUN")
        removed = self._removals(facts, state, earlier_groups)
        if removed:
            parts.append(removed)
        others = sorted({name for name in facts.command_names
                         if name not in TRIVIAL_COMMANDS and name not in facts.package_command_names})
        if others:
            complete = False
            shown = [name if len(name) <= 30 else name[:29] + "…" for name in others[:4]]
            unknown_parts.append("runs " + ", ".join(shown) + (" ..." if len(others) > 4 else ""))
        if unknown_parts:
            parts.append("size unknown: " + "; ".join(unknown_parts))
        if not facts.installs and not lists_left and complete:
            parts.append("no package installs or downloads: ~0 bytes")
        step.bytes, step.compressed_bytes = raw, gz
        if not complete and raw == 0:
            step.bytes = step.compressed_bytes = None
        step.complete = complete
        step.reason = "; ".join(parts)

    def _unknown_install(self, install, facts: RunFacts) -> str:
        note = install.text + (" " + " ".join(install.unresolved) if install.unresolved else "")
        if install.manager == "pip" and install.keeps_cache and "pip" not in facts.cleans \
                and not any(target.endswith(("/.cache/pip", "/.cache")) for target in facts.cache_mounts):
            note += " (pip cache left behind, ~the downloaded wheels: add --no-cache-dir)"
        if install.manager in ("npm", "yarn") and install.manager not in facts.cleans and not facts.cache_mounts:
            note += f" ({install.manager} cache left behind, ~1.8x node_modules: clean it in the same RUN)"
        if install.manager == "apk" and install.keeps_cache and "apk" in facts.updates:
            note += " (apk index left behind: use apk add --no-cache)"
        return note

    def _apt_lists_left(self, facts: RunFacts) -> bool:
        if "apt" not in facts.updates or "apt-lists" in facts.cleans:
            return False
        if any(APT_LISTS.startswith(target) for target in facts.cache_mounts):
            return False
        return not any(_covers(path, APT_LISTS) for path in facts.removed_paths)

    def _removals(self, facts: RunFacts, state: StageState, earlier_groups: int) -> str:
        """Files and packages earlier layers added that this RUN deletes: their bytes stay, as waste.

        ``earlier_groups``: how many of ``state.apt_groups`` earlier layers installed.
        """
        wasted = wasted_gz = 0
        for path in facts.removed_paths:
            absolute = posixpath.normpath(posixpath.join(state.workdir, path.rstrip("*").rstrip("/") or "/"))
            keep_files = []
            for entry in state.files:
                if _covers(absolute, entry[0]) or _covers(path, entry[0]):
                    wasted += entry[1]
                    wasted_gz += entry[2]
                else:
                    keep_files.append(entry)
            state.files = keep_files
            keep_left = []
            for entry in state.leftovers:
                if _covers(absolute, entry[0]):
                    wasted += entry[1]
                    wasted_gz += entry[2]
                else:
                    keep_left.append(entry)
            state.leftovers = keep_left
        size, gz = _purge(facts, state.apt_groups[:earlier_groups], apt_marked=False)
        wasted += size
        wasted_gz += gz
        if not wasted:
            return ""
        state.wasted += wasted
        state.wasted_compressed += wasted_gz
        return f"deletes {_mb(wasted)} an earlier layer added: still shipped (wasted)"

    def _mount_inputs(self, instruction: Instruction) -> tuple[tuple[str, ...], tuple[int, ...]]:
        sources: list[str] = []
        stages: list[int] = []
        for value in instruction.flag_values("mount"):
            fields = dict(part.partition("=")[::2] for part in value.split(","))
            kind = fields.get("type", "bind")
            if kind != "bind":
                continue
            origin = fields.get("from")
            if origin:
                stage = stage_by_reference(self.dockerfile, origin)
                if stage is not None:
                    stages.append(stage.index)
                else:
                    sources.append("image:" + origin)
            else:
                sources.append(fields.get("source") or fields.get("src") or ".")
        return tuple(sources), tuple(stages)

    # --- COPY / ADD ------------------------------------------------------------------------------------------

    def _copy(self, step: Step, state: StageState) -> None:
        instruction = step.instruction
        escape = self.dockerfile.escape
        words = [_expand(word, state.env, escape) for word in instruction.args]
        if len(words) < 2:
            step.reason = "no source: nothing copied"
            step.bytes = step.compressed_bytes = 0
            return
        sources, dest = words[:-1], words[-1]
        is_directory = dest.endswith(("/", "/.")) or dest in (".", "..")
        dest_abs = posixpath.normpath(posixpath.join(state.workdir, dest)).rstrip("/") + ("/" if is_directory else "")
        flags = {flag.name: flag.value for flag in instruction.flags}
        link = "link" in flags and flags["link"] not in ("false", "0") and not flags.get("chmod")
        step.uses_parent = not link
        heredoc_bodies = [h.content for h in instruction.node.heredocs]  # inline files: their text is their content
        step.definition = json.dumps([instruction.name, sources, dest_abs,
                                      sorted((k, v or "") for k, v in flags.items() if k not in ("link",)), link,
                                      heredoc_bodies])
        origin = flags.get("from")
        verb = instruction.name
        if origin is not None:
            self._copy_from(step, state, origin, sources, dest_abs)
            return
        heredocs = {h.name: h.content for h in instruction.node.heredocs}
        urls = [source for source in sources if "://" in source or source.startswith("git@")]
        local = [source for source in sources if source not in urls and not source.startswith("<<")]
        raw = gz = 0
        notes = []
        complete = True
        for source in sources:
            if source.startswith("<<"):
                content = heredocs.get(source.lstrip("<-").strip("'\""), "")
                raw += len(content.encode())
                gz += len(content.encode())
        if urls:
            complete = False
            notes.append(f"{verb} {', '.join(urls)}: download size unknown")
            if not flags.get("checksum") and not all(_GIT_SHA.search(url) for url in urls):
                step.volatile = "a URL without --checksum is fetched again on every build"
        if local:
            step.context_sources = tuple(local)
            if self.context is None or self.context.files is None:
                complete = False
                notes.append(f"{verb} {' '.join(local)}: context not listed, size unknown")
            else:
                selection = select(self.context, local)
                archive = verb == "ADD" and all(source.lower().endswith(_ARCHIVE) for source in local)
                raw += selection.bytes
                gz += selection.compressed_bytes
                count = len(selection.files)
                note = f"{verb} {' '.join(local)}: {count:,} file{'s' if count != 1 else ''}, {_mb(selection.bytes)}"
                if self.context.ignore is not None:
                    note += " after .dockerignore" + _kept_out(self.context, local, selection)
                if selection.unknown:
                    complete = False
                    note += f" (+{selection.unknown} of unknown size)"
                if selection.large:
                    note += f" ({selection.large} large file(s) counted at 4 MiB)"
                if not selection.files:
                    note += " (nothing in the listed context matches)"
                if not self.context.complete:
                    complete = False
                    note += " (the context listing stopped at its file limit)"
                if archive:
                    complete = False
                    note += "; the archive is unpacked, its unpacked size unknown"
                notes.append(note)
                self._record_files(state, selection.files, local, dest_abs, len(sources) > 1)
        step.bytes, step.compressed_bytes, step.complete = raw, round(gz), complete
        if not complete and raw == 0:
            step.bytes = step.compressed_bytes = None
        step.reason = "; ".join(notes) or f"{verb}: heredoc content, {raw} bytes"

    def _record_files(self, state: StageState, files, sources: list[str], dest: str, several: bool) -> None:
        normalised = [normalise_source(source) for source in sources]
        for entry in files:
            path = entry.path.rstrip("/")
            size = entry.size or 0
            for source in normalised:
                if source and not (path == source or path.startswith(source + "/")) and "*" not in source:
                    continue
                if source == "":
                    target = posixpath.join(dest, path)
                elif path == source and not (dest.endswith("/") or several):
                    target = dest.rstrip("/")
                elif path == source or "*" in source:
                    target = posixpath.join(dest, posixpath.basename(path))
                else:
                    target = posixpath.join(dest, path[len(source) + 1:])
                state.files.append((posixpath.normpath(target), size, round(size * 0.3)))
                break

    def _copy_from(self, step: Step, state: StageState, origin: str, sources: list[str], dest: str) -> None:
        stage = stage_by_reference(self.dockerfile, origin)
        if stage is None or stage.index not in self.states:
            step.complete = False
            step.reason = f"COPY --from={origin}: files of another image, size unknown"
            step.context_sources = ("image:" + origin,)
            return
        step.stage_inputs = (stage.index,)
        source_state = self.states[stage.index]
        raw = gz = 0
        found = []
        for source in sources:
            absolute = posixpath.normpath(posixpath.join("/", source))
            for path, size, compressed in source_state.files:
                if _covers(absolute, path):
                    raw += size
                    gz += compressed
                    found.append((posixpath.join(dest, posixpath.relpath(path, absolute)) if path != absolute
                                  else dest.rstrip("/") or "/", size, compressed))
        label = stage.name or str(stage.index)
        if not found:
            step.complete = False
            step.reason = f"COPY --from={label} {' '.join(sources)}: built by a RUN in that stage, size unknown"
            return
        state.files.extend(found)
        step.bytes, step.compressed_bytes = raw, gz
        step.reason = f"COPY --from={label} {' '.join(sources)}: {len(found):,} files, {_mb(raw)} " \
                      f"(copied into that stage from the context; changes by its RUNs not counted)"
        step.complete = False


def _apt_install(install, state: StageState) -> tuple[int, int, str, bool]:
    """Size one apt install on top of what the stage has: (bytes, compressed, reason, complete)."""
    if state.apt_installed is None:
        state.apt_installed = set(apt.base_packages(state.apt_base_kind, state.apt_release))
    estimate = apt.estimate(list(install.packages), state.apt_installed, recommends=not install.no_recommends,
                            slim=state.apt_slim, release=state.apt_release)
    state.apt_installed.update(estimate.added)
    state.apt_groups.append((set(install.packages), {name: (size, gz) for name, size, gz in estimate.per_package}))
    note = f"{install.text}: ~{_mb(estimate.compressed_bytes)} ({len(estimate.added)} packages)" + \
        state.apt_release_note
    complete = True
    if estimate.missing:
        note += f"; not in the index: {', '.join(estimate.missing)}"
        complete = False
    if install.unresolved:
        note += f"; size unknown for {', '.join(install.unresolved)}"
        complete = False
    return estimate.bytes, estimate.compressed_bytes, note, complete


def _purge(facts: RunFacts, groups: list[tuple[set[str], dict[str, tuple[int, int]]]], *, apt_marked: bool
           ) -> tuple[int, int]:
    """Bytes (and compressed) of the installed packages this RUN's ``apt-get purge/remove`` takes away.

    Named packages go; with ``--auto-remove`` the dependencies their install
    pulled in go too. ``apt-mark auto '.*'`` then ``apt-get purge --auto-remove``
    (the official images' build-dependency idiom) removes everything ``groups``
    installed; the runtime libraries it keeps are small and not modelled.
    """
    size = compressed = 0
    for manager, names, autoremove in facts.removals:
        if manager != "apt":
            continue
        for requested, added in groups:
            if autoremove and (requested & set(names) or (apt_marked and not names)):
                gone = list(added)
            else:
                gone = [name for name in names if name in added]
            for name in gone:
                raw, gz = added.pop(name)
                size += raw
                compressed += gz
    return size, compressed


_OLDER_DEBIAN = ("bullseye", "buster", "stretch", "jessie")
TRIXIE_RELEASED = "2025-08-09"  # official images built after this are on trixie unless their tag names another


def apt_release(base: BaseSize) -> tuple[str, str]:
    """The Debian release whose index sizes a stage's apt installs, and a note when it is a stand-in."""
    tag, image = base.tag, base.image
    words = set(re.split(r"[-.:]", tag))
    if "bookworm" in words or (image == "debian" and tag.startswith("12")):
        return "bookworm", ""
    if "trixie" in words or (image == "debian" and tag.startswith("13")):
        return "trixie", ""
    if words & set(_OLDER_DEBIAN) or (image == "debian" and tag.split("-")[0] in ("9", "10", "11")):
        return "bookworm", "; sizes from Debian bookworm's index (the base is an older release)"
    if image == "ubuntu":
        return "bookworm", "; sizes from Debian bookworm's index (Ubuntu's was not read)"
    if base.known and base.how != "scratch":
        built = base_images().get((image, tag))
        if built is not None and built.built < TRIXIE_RELEASED:
            return "bookworm", ""
        return "trixie", ""
    return "trixie", "; sizes from Debian trixie's index (the base's release is unknown)"


def _pair_digest(name: str, value: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{name}\0{value}".encode(), digest_size=16).digest(), "big")


def _mount_key(value: str) -> str:
    """A mount as it enters the key: a cache mount's contents never do, only its target and non-default options."""
    fields = dict(part.partition("=")[::2] for part in value.split(","))
    return json.dumps(sorted(fields.items()))


def _covers(pattern: str, path: str) -> bool:
    """Whether deleting ``pattern`` (``rm -rf pattern``; trailing ``/*`` allowed) removes ``path``."""
    pattern = pattern.rstrip("/")
    pattern = pattern.removesuffix("/*")
    if not pattern:
        return False
    if any(char in pattern for char in "*?["):
        from fnmatch import fnmatchcase
        return fnmatchcase(path, pattern) or fnmatchcase(path, pattern + "/*")
    return path == pattern or path.startswith(pattern.rstrip("/") + "/")


def _kept_out(context: BuildContext, sources: list[str], selection) -> str:
    """What the ignore file keeps out of these sources: " (which keeps out 12 files, 3.4 MB)", or ""."""
    everything = select(replace(context, ignore=None), sources)
    files = len(everything.files) - len(selection.files)
    if files <= 0:
        return ""
    return f" (which keeps out {files:,} file{'s' if files != 1 else ''}, {_mb(everything.bytes - selection.bytes)})"
