"""The documented differences between pydocklint and hadolint, one mechanical test each.

agreement.py asks :func:`classify` about every hadolint finding that pydocklint
does not reproduce. Each class below is a case the covering rule's docs describe
under "Differences from hadolint" (or a hadolint parser failure, DL1000) and
that a test pins; the test looks at the instruction hadolint reported, never at
pydocklint's own findings, so a rule bug cannot hide in a class. A miss no class
explains is "unexplained": either a pydocklint bug or an undocumented difference.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydocklint.dockerfile.model import Dockerfile, Instruction


@dataclass(frozen=True)
class Miss:
    """One hadolint finding pydocklint does not reproduce, with the file it is in."""

    dockerfile: Dockerfile
    instruction: Instruction | None  # the instruction starting on hadolint's line, if any
    message: str

    @functools.cached_property
    def script(self):
        from pydocklint.dockerfile.shell import script_of

        return script_of(self.dockerfile, self.instruction) if self.instruction is not None else None

    @property
    def commands(self) -> tuple:
        return self.script.commands if self.script is not None else ()


@functools.lru_cache(maxsize=64)
def _load(path: Path) -> Dockerfile:
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse
    from pydocklint.source import read_source

    return build(parse(read_source(str(path))), str(path))


def _instruction_at(dockerfile: Dockerfile, line: int) -> Instruction | None:
    return next((instruction for instruction in dockerfile.instructions if instruction.node.start_line == line), None)


def classify(dl: str, path: Path, line: int, message: str) -> str | None:
    """The documented difference class of one missed hadolint finding, or None when none applies."""
    dockerfile = _load(path)
    miss = Miss(dockerfile, _instruction_at(dockerfile, line), message)
    for label, applies in DIFFERENCES.get(dl, ()):
        if applies(miss):
            return label
    return None


# --------------------------------------------------------------------------- shared tests


def _is_windows(miss: Miss) -> bool:
    from pydocklint.dockerfile.shell import is_posix_shell, shells

    if miss.instruction is None:
        return False
    shell = shells(miss.dockerfile).get(miss.instruction)
    return shell is not None and not is_posix_shell(shell)


def _not_posix_run(miss: Miss) -> bool:
    """A RUN that no POSIX shell runs (Windows cmd/PowerShell), so shell rules do not read it."""
    return miss.instruction is not None and miss.script is None and _is_windows(miss)


def _no_instruction(miss: Miss) -> bool:
    return miss.instruction is None


# --------------------------------------------------------------------------- DL1000: parse errors


# Problems that make BuildKit refuse the file; "empty-continuation" is only a warning.
_REFUSED = frozenset({"invalid-syntax", "unknown-instruction", "invalid-flag", "invalid-arguments"})


def _buildkit_accepts(miss: Miss) -> bool:
    """hadolint's parser rejects a file that BuildKit parses (pydocklint reports no syntax error)."""
    return not any(problem.kind in _REFUSED for problem in miss.dockerfile.problems)


# --------------------------------------------------------------------------- DL4006: pipefail

def _pipes(miss: Miss) -> list:
    """Commands piped into another (the left-hand side of each `|`)."""
    return [command for command in miss.commands if command.after in ("|", "|&")]


def _no_pipe(miss: Miss) -> bool:
    return miss.script is not None and not _pipes(miss)


def _harmless_pipes(miss: Miss) -> bool:
    """Every pipeline starts with echo/printf/yes/true (or a group ending in `|| :`): nothing on the left can fail."""
    from pydocklint.rules.dockerfile.run.pipefail import _first_unguarded_pipe, left_of_pipe_cannot_fail

    pipes = _pipes(miss)
    if not pipes or _first_unguarded_pipe(miss.script) is not None:
        return False
    commands = miss.script.commands
    return all(left_of_pipe_cannot_fail(commands, index) for index, command in enumerate(commands)
               if command.after in ("|", "|&") and command.before not in ("|", "|&"))


def _pipefail_set_in_script(miss: Miss) -> bool:
    from pydocklint.rules.dockerfile.run.pipefail import _first_unguarded_pipe

    return bool(_pipes(miss)) and _first_unguarded_pipe(miss.script) is None and \
        any(command.name == "set" and "pipefail" in command.values() for command in miss.commands)


# --------------------------------------------------------------------------- DL3066: USER not numeric


def _user(miss: Miss):
    from pydocklint.dockerfile.stages_runtime import user_of

    return user_of(miss.dockerfile, miss.instruction) if miss.instruction is not None else None


def _user_is_root(miss: Miss) -> bool:
    user = _user(miss)
    return user is not None and user.is_root


def _user_from_variable(miss: Miss) -> bool:
    """`USER $APP_UID`: hadolint does not substitute; the value is numeric or unknown here."""
    user = _user(miss)
    return miss.instruction is not None and "$" in " ".join(miss.instruction.args) and \
        (user is None or "$" in user.value or user.is_numeric)


def _user_not_final(miss: Miss) -> bool:
    from pydocklint.dockerfile.stages_runtime import final_runtime

    runtime = final_runtime(miss.dockerfile)
    return runtime is None or runtime.get("USER") is not miss.instruction


def _windows_image(miss: Miss) -> bool:
    from pydocklint.dockerfile.stages_runtime import final_runtime, is_windows

    runtime = final_runtime(miss.dockerfile)
    return runtime is not None and is_windows(miss.dockerfile, runtime)


# --------------------------------------------------------------------------- DL3009: apt lists


def _apt_dist_clean(miss: Miss) -> bool:
    return any(command.name in ("apt-get", "apt") and "dist-clean" in command.values() for command in miss.commands)


# --------------------------------------------------------------------------- DL3019: apk cache


def _apk_cache_removed(miss: Miss) -> bool:
    from pydocklint.dockerfile.shell import removed_paths

    return miss.script is not None and any(path.startswith("/var/cache/apk") for path in removed_paths(miss.script))


# --------------------------------------------------------------------------- DL3022: COPY --from


def _copy_from_image(miss: Miss) -> bool:
    """COPY --from names an image reference (a `/`, `:`, `@` or `.` in it), which BuildKit pulls, not a stage."""
    flag = miss.instruction.flag("from") if miss.instruction is not None else None
    value = flag.value if flag is not None else None
    return value is not None and "$" not in value and any(mark in value for mark in "/:@.")


# --------------------------------------------------------------------------- DL3067: COPY / /


def _copy_source_stage(miss: Miss):
    from pydocklint.dockerfile.scope import stage_by_reference

    flag = miss.instruction.flag("from") if miss.instruction is not None else None
    return stage_by_reference(miss.dockerfile, flag.value) if flag is not None else None


def _copy_into_scratch(miss: Miss) -> bool:
    """The copying stage is built on scratch: `COPY --from=x / /` flattens x into an image."""
    from pydocklint.dockerfile.scope import stage_scopes

    stage = miss.instruction.stage if miss.instruction is not None else None
    return stage is not None and not stage_scopes(miss.dockerfile)[stage].open


def _copy_from_scratch_stage(miss: Miss) -> bool:
    from pydocklint.dockerfile.scope import stage_scopes

    source = _copy_source_stage(miss)
    return source is not None and not stage_scopes(miss.dockerfile)[source.index].open


def _copy_from_overlay_image(miss: Miss) -> bool:
    from pydocklint.dockerfile.images import ImageReference, resolve_base_image
    from pydocklint.rules.dockerfile.stages.copy_whole_filesystem import OVERLAY_IMAGES

    flag = miss.instruction.flag("from") if miss.instruction is not None else None
    if flag is None:
        return False
    source = _copy_source_stage(miss)
    image = resolve_base_image(miss.dockerfile, source) if source is not None else flag.value
    return image is not None and ImageReference.parse(image).repository in OVERLAY_IMAGES


# --------------------------------------------------------------------------- DL3048: label keys


def _runlabel_key(miss: Miss) -> bool:
    from pydocklint.rules.dockerfile.labels.key_format import RUNLABEL_KEYS

    return miss.instruction is not None and miss.instruction.name == "LABEL" and \
        bool(miss.instruction.args) and miss.instruction.args[0].split("=", 1)[0] in RUNLABEL_KEYS


# --------------------------------------------------------------------------- DL3025: JSON notation


def _healthcheck_needs_shell(miss: Miss) -> bool:
    """A shell-form HEALTHCHECK CMD using shell syntax (`|| exit 1`): the shell form is right there."""
    from pydocklint.dockerfile.stages_runtime import uses_shell_syntax

    instruction = miss.instruction
    return instruction is not None and instruction.name == "HEALTHCHECK" and \
        uses_shell_syntax(instruction.node.original)


def _windows_stage(miss: Miss) -> bool:
    from pydocklint.dockerfile.stages_runtime import is_windows, stage_runtimes

    instruction = miss.instruction
    return instruction is not None and instruction.stage is not None and \
        is_windows(miss.dockerfile, stage_runtimes(miss.dockerfile)[instruction.stage])


def _valid_json_form(miss: Miss) -> bool:
    """BuildKit reads the arguments as a JSON array (hadolint's parser does not, e.g. on `\\/`)."""
    return miss.instruction is not None and bool(miss.instruction.node.json)


# --------------------------------------------------------------------------- DL3022: COPY --from


def _copy_from_variable(miss: Miss) -> bool:
    flag = miss.instruction.flag("from") if miss.instruction is not None else None
    return flag is not None and flag.value is not None and "$" in flag.value


# --------------------------------------------------------------------------- DL3059: consecutive RUN


def _not_single_commands(miss: Miss) -> bool:
    """This RUN or the RUN before it is more than one simple command (a pipeline, a substitution).

    A cmd or PowerShell RUN is counted as PDL302 counts it: the script that
    ``powershell -Command "..."`` runs is its commands.
    """
    from pydocklint.dockerfile.shell import script_of
    from pydocklint.dockerfile.windows_shell import command_count, windows_run_scripts

    instruction = miss.instruction
    if instruction is None or instruction.stage is None:
        return False
    stage = miss.dockerfile.stages[instruction.stage]
    runs = [candidate for candidate in stage.instructions if candidate.name == "RUN"]
    index = next((i for i, candidate in enumerate(runs) if candidate is instruction), 0)
    pair = runs[max(index - 1, 0):index + 1]
    windows = {run: script for _, run, script in windows_run_scripts(miss.dockerfile)}

    def commands(run) -> int:
        if run in windows:
            return command_count(windows[run])
        script = script_of(miss.dockerfile, run)
        return 1 if script is None else len(script.commands)

    return any(commands(run) != 1 for run in pair) or any(run.node.heredocs for run in pair)


# --------------------------------------------------------------------------- DL3003: cd


def _cd_only_in_subshells(miss: Miss) -> bool:
    """Every `cd` runs in a subshell or a nested script, where leaving the directory is the point."""
    cds = [command for command in miss.commands if command.name == "cd"]
    return bool(cds) and all(command.subshell or command.substitution or command.depth > 0 for command in cds)


# --------------------------------------------------------------------------- DL3064: secrets in ARG/ENV

_SECRET_WORDS = re.compile(r"PASS(WORD|WD)?|SECRET(?!FILE)|TOKEN|API_?KEY|PRIVATE_KEY|CREDENTIAL|AUTH", re.I)


def _no_secret_name(miss: Miss) -> bool:
    """No name the instruction sets says password/secret/token/key: hadolint matched e.g. USERNAME."""
    instruction = miss.instruction
    if instruction is None or instruction.name not in ("ARG", "ENV"):
        return False
    names = [word.split("=", 1)[0] for word in instruction.args if word]
    return not any(_SECRET_WORDS.search(name) for name in names)


# --------------------------------------------------------------------------- DL3006: untagged FROM


def _from_variable_not_untagged_image(miss: Miss) -> bool:
    """`FROM base-$TARGETARCH`: hadolint does not substitute; the value is a stage, pinned, or build-time only."""
    from pydocklint.dockerfile.images import ImageReference, resolve_base_image

    instruction = miss.instruction
    if instruction is None or instruction.name != "FROM" or instruction.stage is None:
        return False
    stage = miss.dockerfile.stages[instruction.stage]
    if "$" not in stage.image:
        return False
    image = resolve_base_image(miss.dockerfile, stage)
    if image is None or miss.dockerfile.earlier_stage(image, stage.index) is not None:
        return True
    reference = ImageReference.parse(image)
    return reference.tag is not None or reference.digest is not None


# --------------------------------------------------------------------------- DL3020: ADD of local files


def _add_variable_not_plain_local(miss: Miss) -> bool:
    """`ADD $PKG /x`: hadolint does not substitute; a source's value is a URL, an archive or unknown."""
    from pydocklint.dockerfile.stages_runtime import (
        copy_paths, environment_at, expand_known, is_archive_name, is_remote_source,
    )

    instruction = miss.instruction
    if instruction is None or instruction.name != "ADD":
        return False
    sources, _ = copy_paths(instruction)
    env = environment_at(miss.dockerfile, instruction)
    values = [expand_known(source.text, env, miss.dockerfile.escape) for source in sources if "$" in source.text]
    return any(value is None or is_remote_source(value) or is_archive_name(value) for value in values)


# --------------------------------------------------------------------------- DL3042: pip cache


def _pip_no_cache_dir_env(miss: Miss) -> bool:
    """ENV/ARG PIP_NO_CACHE_DIR is non-empty (even `off`): pip then keeps no cache."""
    from pydocklint.dockerfile.stages_runtime import environment_at

    instruction = miss.instruction
    return instruction is not None and instruction.name == "RUN" and \
        bool(environment_at(miss.dockerfile, instruction).get("PIP_NO_CACHE_DIR"))


# --------------------------------------------------------------------------- package pinning


def _install_packages(miss: Miss, managers: tuple[str, ...]) -> list:
    from pydocklint.dockerfile.packages import package_commands_of

    if miss.script is None:
        return []
    return [package for found in package_commands_of(miss.dockerfile, miss.script)
            if found.manager in managers and found.action in ("install", "run")
            for package in found.packages]


_VERSION_FROM_VARIABLE = re.compile(r"^[A-Za-z0-9][^$]*-\$")


def _rpm_version_from_variable(miss: Miss) -> bool:
    """`nginx-${NGINX_VERSION}`: the version is a build-time variable, which hadolint does not read as one."""
    # The word as written: pydocklint reads the variable's value where the Dockerfile gives it.
    return any(_VERSION_FROM_VARIABLE.match(package.word.text.strip("\"'"))
               for package in _install_packages(miss, ("yum", "dnf", "microdnf")))


def _go_local_packages_only(miss: Miss) -> bool:
    """`go install .` or `go install app/server`: packages of the local module or GOPATH, not modules to fetch."""
    packages = _install_packages(miss, ("go",))
    return bool(packages) and all(package.kind == "path" for package in packages)


def _pip_nothing_to_pin(miss: Miss) -> bool:
    """`pip install .[sql]` or `pip install "${WHEEL}"` (a value the Dockerfile does not give): nothing to pin."""
    from pydocklint.dockerfile.stages_runtime import environment_at

    packages = [package for package in _install_packages(miss, ("pip",)) if package.version is None]
    if not packages:
        return False
    env = environment_at(miss.dockerfile, miss.instruction)
    return all(package.kind == "path" or (package.kind == "variable" and _variable_name(package.word.value) not in env)
               for package in packages)


def _variable_name(text: str) -> str:
    return text.strip("${}\"'")


# --------------------------------------------------------------------------- DL3000: relative WORKDIR


def _workdir_after_earlier_workdir(miss: Miss) -> bool:
    """A relative WORKDIR after an earlier WORKDIR of the stage (or of the stage it is built FROM)."""
    instruction = miss.instruction
    if instruction is None or instruction.name != "WORKDIR" or instruction.stage is None:
        return False
    stage = miss.dockerfile.stages[instruction.stage]
    earlier = stage.instructions[:stage.instructions.index(instruction)]
    while True:
        if any(candidate.name == "WORKDIR" for candidate in earlier):
            return True
        stage = miss.dockerfile.earlier_stage(stage.image, stage.index)
        if stage is None:
            return False
        earlier = stage.instructions


# --------------------------------------------------------------------------- DL3021: COPY destination


def _valued_flag_without_value(miss: Miss) -> bool:
    """`COPY --chown 1:1 a /b`: a flag written without `=`, which Docker refuses (hadolint reads a source)."""
    instruction = miss.instruction
    return instruction is not None and instruction.name in ("COPY", "ADD") and \
        any(flag.value is None and flag.name in ("from", "chown", "chmod", "checksum", "exclude")
            for flag in instruction.flags)


# --------------------------------------------------------------------------- DL4003: several CMD


def _last_of_several(miss: Miss) -> bool:
    """The effective (last) CMD of a stage with several: pydocklint reports the overridden ones instead."""
    instruction = miss.instruction
    if instruction is None or instruction.stage is None:
        return False
    same = [candidate for candidate in miss.dockerfile.stages[instruction.stage].instructions
            if candidate.name == instruction.name]
    return len(same) > 1 and same[-1] is instruction


# --------------------------------------------------------------------------- DL3009: apt lists (more)


def _apt_list_files_removed(miss: Miss) -> bool:
    """`rm /var/lib/apt/lists/*_*` removes the list files, not the directory itself."""
    from pydocklint.dockerfile.shell import removed_paths

    return miss.script is not None and \
        any(path.startswith("/var/lib/apt/lists/") for path in removed_paths(miss.script))


def _in_builder_stage(miss: Miss) -> bool:
    """A stage whose files reach the image only through COPY --from: its layers never ship."""
    from pydocklint.dockerfile.shell import copied_only_stages

    instruction = miss.instruction
    return instruction is not None and instruction.stage in copied_only_stages(miss.dockerfile)


# --------------------------------------------------------------------------- DL3046: useradd -u


def _useradd_uid_variable_short(miss: Miss) -> bool:
    """`useradd -u ${uid}` whose ARG/ENV value is five digits or fewer (or unknown): no huge lastlog."""
    from pydocklint.dockerfile.stages_runtime import environment_at, expand_known

    if miss.instruction is None:
        return False
    env = environment_at(miss.dockerfile, miss.instruction)
    for command in miss.commands:
        if command.name != "useradd":
            continue
        words = [word.value for word in command.args]
        for option, value in zip(words, words[1:]):
            if option in ("-u", "--uid") and "$" in value:
                known = expand_known(value, env, miss.dockerfile.escape)
                if known is None or len(known) <= 5:
                    return True
    return False


# --------------------------------------------------------------------------- DL3064 (more)

_SWITCH_VALUES = frozenset({"0", "1", "true", "false", "yes", "no", "on", "off"})


def _secret_names_hold_no_secret(miss: Miss) -> bool:
    """Every secret-looking ENV name has a value that cannot be a secret: a file path or a switch."""
    instruction = miss.instruction
    if instruction is None or instruction.name != "ENV":
        return False
    args = instruction.args
    pairs = [(args[index], args[index + 1]) for index in range(0, len(args) - 1, 3)]
    suspects = [value.strip("'\"") for name, value in pairs if _SECRET_WORDS.search(name)]
    return bool(suspects) and all(value.lower() in _SWITCH_VALUES or value.startswith(("/", "./", "~/"))
                                  for value in suspects)


# --------------------------------------------------------------------------- DL3029: FROM --platform


def _platform_with_variable(miss: Miss) -> bool:
    flag = miss.instruction.flag("platform") if miss.instruction is not None else None
    return flag is not None and flag.value is not None and "$" in flag.value


def _stage_name_with_variable(miss: Miss) -> bool:
    """`FROM x AS ${STAGE}`: BuildKit refuses the name (Buildah expands it), so stage names are unknown."""
    return any(stage.name and "$" in stage.name for stage in miss.dockerfile.stages)


Test = Callable[[Miss], bool]

DIFFERENCES: dict[str, tuple[tuple[str, Test], ...]] = {
    "DL1000": (("BuildKit parses the file (hadolint parser limitation)", _buildkit_accepts),),
    "DL4006": (
        ("not run by a POSIX shell (Windows)", _not_posix_run),
        ("no pipe in the shell script", _no_pipe),
        ("set -o pipefail earlier in the script", _pipefail_set_in_script),
        ("every pipe starts with echo/printf/yes/true (or a group ending in || :)", _harmless_pipes),
    ),
    "DL3066": (
        ("USER root (left to PDL400)", _user_is_root),
        ("USER from a variable whose value is numeric or unknown", _user_from_variable),
        ("Windows image", _windows_image),
        ("USER not the one that reaches the final image", _user_not_final),
    ),
    "DL3009": (
        ("lists removed by apt-get dist-clean", _apt_dist_clean),
        ("list files removed (rm /var/lib/apt/lists/*_*)", _apt_list_files_removed),
        ("builder stage, copied from only", _in_builder_stage),
    ),
    "DL3019": (("/var/cache/apk removed in the same RUN", _apk_cache_removed),),
    "DL3022": (
        ("COPY --from names an image, not a stage", _copy_from_image),
        ("COPY --from with a variable (left to invalid-flag)", _copy_from_variable),
        ("a stage name written with a variable (BuildKit refuses it)", _stage_name_with_variable),
    ),
    "DL3067": (
        ("copied into a stage built on scratch (flattening)", _copy_into_scratch),
        ("copied from a stage built on scratch", _copy_from_scratch_stage),
        ("copied from an overlay image (tonistiigi/xx)", _copy_from_overlay_image),
    ),
    "DL3048": (("podman runlabel key RUN/INSTALL/UNINSTALL", _runlabel_key),),
    "DL3025": (
        ("HEALTHCHECK CMD that uses shell syntax", _healthcheck_needs_shell),
        ("Windows image", _windows_stage),
        ("valid JSON array hadolint cannot read", _valid_json_form),
    ),
    "DL3059": (
        ("one of the two RUNs is more than one simple command", _not_single_commands),
    ),
    "DL3003": (("cd only inside a subshell", _cd_only_in_subshells),),
    "DL3064": (
        ("no name that says password/secret/token/key", _no_secret_name),
        ("the value is a file path or a switch, not a secret", _secret_names_hold_no_secret),
    ),
    "DL3033": (("package version from a variable (name-$VERSION)", _rpm_version_from_variable),),
    "DL3041": (("package version from a variable (name-$VERSION)", _rpm_version_from_variable),),
    "DL3062": (("only local packages (`.`, no domain in the path)", _go_local_packages_only),),
    "DL3000": (("relative WORKDIR after an earlier WORKDIR", _workdir_after_earlier_workdir),),
    "DL3021": (("flag written without = (Docker refuses it; left to invalid-flag)", _valued_flag_without_value),),
    "DL3002": (("USER root not the one that reaches the final image", _user_not_final),),
    "DL3046": (("useradd -u from a variable whose value is short or unknown", _useradd_uid_variable_short),),
    "DL3040": (("builder stage, copied from only", _in_builder_stage),),
    "DL3032": (("builder stage, copied from only", _in_builder_stage),),
    "DL3029": (("platform written with a variable", _platform_with_variable),),
    "DL4003": (("the last, effective CMD (pydocklint points at the overridden ones)", _last_of_several),),
    "DL3013": (("only local paths, or variables the Dockerfile gives no value", _pip_nothing_to_pin),),
    "DL3042": (("PIP_NO_CACHE_DIR set (even to off) in ENV/ARG", _pip_no_cache_dir_env),),
    "DL3006": (
        ("FROM variable whose value is a stage, pinned, or set at build time", _from_variable_not_untagged_image),
    ),
    "DL3020": (("ADD source variable whose value is a URL, an archive or unknown", _add_variable_not_plain_local),),
}
