"""Reorder advice: a dependency install placed after a COPY of the whole source.

``COPY . .`` followed by ``RUN pip install -r requirements.txt`` rebuilds the
install on every source edit. Copying the manifest first and installing before
the broad COPY makes the install depend on the manifest only. The figure comes
from the same cache model: with ``--history``, how many of the commits that
rebuilt the install would have hit after the reorder; with a change set, whether
this change would have; otherwise the size at stake.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from pydocklint.simulate.commands import MANIFESTS
from pydocklint.simulate.context_files import normalise_source, selects
from pydocklint.simulate.replay import Replay
from pydocklint.simulate.simulator import Simulation, Step
from pydocklint.simulate.units import human


def _manifests_for(step: Step) -> tuple[str, ...]:
    patterns: list[str] = []
    for install in step.facts.installs if step.facts else ():
        if install.from_manifest or install.manager == "pip" and any(u.startswith("-r ") for u in install.unresolved):
            patterns.extend(MANIFESTS.get(install.manager, ()))
            for unresolved in install.unresolved:
                if unresolved.startswith("-r "):
                    patterns.append(normalise_source(unresolved[3:]).rsplit("/", 1)[-1])
    for kind in step.facts.manifest_commands if step.facts else ():
        patterns.extend(MANIFESTS.get(kind, ()))
    return tuple(dict.fromkeys(patterns))


def _manifest_files(simulation: Simulation, copy: Step, patterns: tuple[str, ...]) -> list[str]:
    """Context files the broad COPY selects that are manifests for the install (nearest the root first)."""
    context = simulation.context
    sources = [normalise_source(source) for source in copy.context_sources]
    if context is None or context.files is None:
        return []
    found = []
    for entry in context.kept_files:
        path = entry.path.rstrip("/")
        name = path.rsplit("/", 1)[-1]
        if any(fnmatchcase(name, pattern) for pattern in patterns) and any(selects(s, path) for s in sources):
            found.append(path)
    found.sort(key=lambda path: (path.count("/"), path))
    top = found[0].count("/") if found else 0
    return [path for path in found if path.count("/") == top]


def _is_broad(step: Step) -> bool:
    return any(normalise_source(source) in ("", "*") or "/" not in normalise_source(source) and "." not in
               normalise_source(source) for source in step.context_sources)


def reorder_advice(simulation: Simulation, history: Replay | None = None,
                   changed: frozenset[str] | None = None) -> list[dict]:
    advice = []
    steps = simulation.steps
    for position, step in enumerate(steps):
        if step.instruction.name != "COPY" or step.instruction.flag("from") or not step.context_sources \
                or not _is_broad(step):
            continue
        for later_position in range(position + 1, len(steps)):
            later = steps[later_position]
            if later.stage is not step.stage:
                break
            if later.instruction.name != "RUN":
                continue
            patterns = _manifests_for(later)
            if not patterns:
                continue
            manifests = _manifest_files(simulation, step, patterns)
            if not manifests:
                continue
            advice.append(_advise(simulation, step, position, later, later_position, manifests, history, changed))
            break
    return advice


def _advise(simulation: Simulation, copy: Step, copy_position: int, run: Step, run_position: int,
            manifests: list[str], history: Replay | None, changed: frozenset[str] | None) -> dict:
    size = f"{human(run.compressed_bytes)} " if run.compressed_bytes else "(size unknown) "
    move = f"moving `COPY {' '.join(manifests)}` + `{run.text}` above `{copy.text}`"
    item = {"line": run.line, "copy_line": copy.line, "manifests": manifests, "kind": "reorder"}
    earlier = [index for index in range(copy_position) if simulation.steps[index].stage is copy.stage
               and simulation.steps[index].creates_layer]
    if history is not None and history.commits:
        actual = would = 0
        for commit in history.commits:
            if not commit.misses.get(run_position, True):
                continue
            actual += 1
            earlier_missed = any(commit.misses.get(index, True) for index in earlier)
            if commit.dockerfile_changed or earlier_missed or any(path in commit.changed for path in manifests):
                would += 1
        item.update(rebuilds=actual, rebuilds_after=would, commits=len(history.commits))
        item["message"] = (f"{move} turns {actual - would} of {actual} rebuilds of this {size}layer into hits "
                           f"(last {len(history.commits)} commits)")
    elif changed is not None and run.cache == "miss":
        earlier_missed = any(simulation.steps[index].cache == "miss" for index in earlier)
        if not earlier_missed and not any(path in changed for path in manifests):
            item["message"] = f"{move} makes this change reuse the cached {size}layer instead of rebuilding it"
        else:
            item["message"] = f"{move} lets source-only changes reuse the cached {size}layer"
    else:
        item["message"] = f"{move} lets source-only changes reuse the cached {size}layer"
    return item
