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
    """Every pipeline starts with echo/printf/yes/true: nothing on the left can fail."""
    from pydocklint.rules.dockerfile.run.pipefail import _HARMLESS, _first_unguarded_pipe

    pipes = _pipes(miss)
    if not pipes or _first_unguarded_pipe(miss.script) is not None:
        return False
    starts = [command for command in miss.commands if command.after in ("|", "|&") and command.before not in ("|", "|&")]
    return all(command.name in _HARMLESS for command in starts)


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
    """This RUN or the RUN before it is more than one simple command (a pipeline, a substitution)."""
    from pydocklint.dockerfile.shell import script_of

    instruction = miss.instruction
    if instruction is None or instruction.stage is None:
        return False
    stage = miss.dockerfile.stages[instruction.stage]
    runs = [candidate for candidate in stage.instructions if candidate.name == "RUN"]
    index = next((i for i, candidate in enumerate(runs) if candidate is instruction), 0)
    pair = runs[max(index - 1, 0):index + 1]
    scripts = [script_of(miss.dockerfile, run) for run in pair]
    return any(script is not None and len(script.commands) != 1 for script in scripts) or \
        any(run.node.heredocs for run in pair)


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


Test = Callable[[Miss], bool]

DIFFERENCES: dict[str, tuple[tuple[str, Test], ...]] = {
    "DL1000": (("BuildKit parses the file (hadolint parser limitation)", _buildkit_accepts),),
    "DL4006": (
        ("not run by a POSIX shell (Windows)", _not_posix_run),
        ("no pipe in the shell script", _no_pipe),
        ("set -o pipefail earlier in the script", _pipefail_set_in_script),
        ("every pipe starts with echo/printf/yes/true", _harmless_pipes),
    ),
    "DL3066": (
        ("USER root (left to PDL400)", _user_is_root),
        ("USER from a variable whose value is numeric or unknown", _user_from_variable),
        ("Windows image", _windows_image),
        ("USER not the one that reaches the final image", _user_not_final),
    ),
    "DL3009": (("lists removed by apt-get dist-clean", _apt_dist_clean),),
    "DL3019": (("/var/cache/apk removed in the same RUN", _apk_cache_removed),),
    "DL3022": (
        ("COPY --from names an image, not a stage", _copy_from_image),
        ("COPY --from with a variable (left to invalid-flag)", _copy_from_variable),
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
        ("not run by a POSIX shell (Windows)", _not_posix_run),
        ("one of the two RUNs is more than one simple command", _not_single_commands),
    ),
    "DL3003": (("cd only inside a subshell", _cd_only_in_subshells),),
    "DL3064": (("no name that says password/secret/token/key", _no_secret_name),),
}
