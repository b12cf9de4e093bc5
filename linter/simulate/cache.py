"""BuildKit's layer cache, modelled with symbolic keys (simulation.md §1.5).

Every layer step gets a key made of

* its definition: the expanded instruction, its flags, and for RUN the ENV and
  valued ARGs in scope, WORKDIR, USER and mounts (a cache mount's contents never);
* the content of what it reads: the changed context paths its sources select
  (after ``.dockerignore``), and the final state of the stages it copies or
  mounts from;
* the key of the layer below, except for ``COPY --link``, which is keyed on its
  own and merged onto the layers below.

The previous build is the same simulation with nothing changed (or the previous
Dockerfile); a step hits when its key was a key of the previous build. A step
with a volatile input (``ADD`` of a URL without ``--checksum``, a base image
named by an unset ``--build-arg``) never hits. Metadata instructions (ENV, LABEL,
CMD, ...) make no vertex: they count only through the RUNs that inherit them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pydocklint.simulate.context_files import changed_selected
from pydocklint.simulate.simulator import Simulation, Step


@dataclass(frozen=True)
class ChangeSet:
    """What changed since the build whose cache is reused."""

    paths: frozenset[str] = frozenset()  # changed context paths, relative to the context root
    previous: Simulation | None = None  # the previous Dockerfile's simulation (None: the Dockerfile is unchanged)
    no_previous_build: bool = False  # nothing to reuse (the Dockerfile did not exist)
    label: str = ""


@dataclass(frozen=True)
class Outcome:
    rebuilt_steps: int
    rebuilt_bytes: int  # uncompressed bytes of the layers rebuilt (known sizes)
    rebuilt_compressed_bytes: int
    layer_steps: int


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


@dataclass
class _Keys:
    layer: dict[int, str]  # id(step) -> layer key
    state_after: dict[int, str]  # id(step) -> state key after the step
    stage_final: dict[int, str]  # stage index -> final state key


def _keys(simulation: Simulation, changed: frozenset[str], new_build: bool) -> _Keys:
    keys = _Keys({}, {}, {})
    state = ""
    for step in simulation.steps:
        if step.is_base:
            state = keys.stage_final.get(step.parent_stage, "") if step.parent_stage is not None else \
                _digest("base", step.definition)
            if step.volatile and new_build:
                state = _digest(state, "volatile", id(simulation))
            keys.state_after[id(step)] = state
            keys.stage_final[step.stage.index] = state  # a stage may be nothing but its FROM
            continue
        if step.creates_layer:
            content = changed_selected(simulation.context, list(step.context_sources), changed) if new_build else ()
            inputs = tuple(keys.stage_final.get(index, "") for index in step.stage_inputs)
            nonce = id(simulation) if (step.volatile and new_build) else None
            layer = _digest(step.definition, content, inputs, state if step.uses_parent else None, nonce)
            keys.layer[id(step)] = layer
            state = layer if step.uses_parent else _digest("merge", state, layer)
        keys.state_after[id(step)] = state
        keys.stage_final[step.stage.index] = state
    return keys


def apply(simulation: Simulation, changes: ChangeSet) -> Outcome:
    """Mark every layer step of ``simulation`` hit or miss after ``changes``; return the rebuild cost."""
    previous = changes.previous or simulation
    old = _keys(previous, frozenset(), new_build=False)
    new = _keys(simulation, changes.paths, new_build=True)
    old_layers = set(old.layer.values())
    old_states = set(old.state_after.values()) | set(old.stage_final.values())
    old_finals = set(old.stage_final.values())
    rebuilt = rebuilt_bytes = rebuilt_gz = layer_steps = 0
    below_state = ""
    for step in simulation.steps:
        if step.is_base:
            below_state = new.state_after[id(step)]
            step.cache = None
            step.cache_reason = "" if below_state in old_states else "the base changed"
            continue
        if not step.creates_layer:
            step.cache = None
            continue
        layer_steps += 1
        key = new.layer[id(step)]
        hit = not changes.no_previous_build and key in old_layers
        step.cache = "hit" if hit else "miss"
        step.cache_reason = "cached" if hit else _miss_reason(step, simulation, changes, below_state, old_states,
                                                              new, old_finals)
        if hit and not step.uses_parent and below_state not in old_states:
            step.cache_reason = "COPY --link is keyed without the layers below: reused"
        if not hit:
            rebuilt += 1
            rebuilt_bytes += step.bytes or 0
            rebuilt_gz += step.compressed_bytes or 0
        below_state = new.state_after[id(step)]
    return Outcome(rebuilt, rebuilt_bytes, rebuilt_gz, layer_steps)


def _miss_reason(step: Step, simulation: Simulation, changes: ChangeSet, below: str, old_states: set[str],
                 new: _Keys, old_finals: set[str]) -> str:
    if changes.no_previous_build:
        return "no previous build to reuse"
    if step.volatile:
        return step.volatile
    content = changed_selected(simulation.context, list(step.context_sources), changes.paths)
    if content:
        shown = ", ".join(content[:3]) + (f" (+{len(content) - 3} more)" if len(content) > 3 else "")
        return f"its files changed: {shown}"
    if step.uses_parent and below not in old_states:
        return "a layer below was rebuilt"
    for index in step.stage_inputs:
        if new.stage_final.get(index) not in old_finals:
            name = simulation.dockerfile.stages[index].name or str(index)
            return f"stage {name} was rebuilt (a hit only if its files at these paths come out byte-identical)"
    return "the instruction or the ENV/ARG values in scope changed"
