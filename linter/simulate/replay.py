"""``--history N``: replay the last N commits as change events and count, per layer, the rebuilds.

Each commit's changed files (``git diff-tree`` against its first parent) are one
change set applied to the current Dockerfile. When a commit edited the
Dockerfile itself, that commit's Dockerfile is simulated against its parent's
and the hit/miss of its layers is carried over to the current layers with the
same stage and position (layers that do not exist there count as rebuilt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydocklint.simulate.cache import ChangeSet, apply
from pydocklint.simulate.history import Repository
from pydocklint.simulate.simulator import Simulation, Step


@dataclass
class CommitResult:
    commit: str
    subject: str
    changed: frozenset[str]  # context paths
    dockerfile_changed: bool
    misses: dict[int, bool] = field(default_factory=dict)  # layer step position in simulation.steps -> missed
    rebuilt_bytes: int = 0
    rebuilt_compressed_bytes: int = 0


@dataclass
class Replay:
    commits: list[CommitResult]
    layer_positions: list[int]  # positions of the layer steps in simulation.steps

    def rebuilt_count(self, position: int) -> int:
        return sum(1 for commit in self.commits if commit.misses.get(position, True))


def _layer_slots(simulation: Simulation) -> dict[tuple[int, int], int]:
    """(stage index, ordinal among the stage's layer steps) -> position in simulation.steps."""
    slots: dict[tuple[int, int], int] = {}
    counters: dict[int, int] = {}
    for position, step in enumerate(simulation.steps):
        if step.creates_layer:
            ordinal = counters.get(step.stage.index, 0)
            counters[step.stage.index] = ordinal + 1
            slots[(step.stage.index, ordinal)] = position
    return slots


def replay(simulation: Simulation, repository: Repository, count: int,
           simulate_text: Callable[[str], Simulation | None]) -> Replay:
    """Apply each of the last ``count`` commits to the simulation; ``simulate_text`` simulates another version."""
    slots = _layer_slots(simulation)
    positions = sorted(slots.values())
    results = []
    for commit in repository.recent_commits(count):
        files = repository.files_changed_by(commit)
        changed = repository.to_context(files)
        edited = repository.dockerfile in files
        result = CommitResult(commit, repository.subject(commit), changed, edited)
        version = simulation
        previous = None
        if edited:
            new_text = repository.dockerfile_at(commit)
            old_text = repository.dockerfile_at(commit + "^")
            version = (simulate_text(new_text) if new_text is not None else None) or simulation
            previous = simulate_text(old_text) if old_text is not None else None
        outcome = apply(version, ChangeSet(changed, previous, no_previous_build=edited and previous is None))
        version_slots = _layer_slots(version)
        for slot, position in slots.items():
            step = version.steps[version_slots[slot]] if slot in version_slots else None
            result.misses[position] = step is None or step.cache != "hit"
        result.rebuilt_bytes = outcome.rebuilt_bytes
        result.rebuilt_compressed_bytes = outcome.rebuilt_compressed_bytes
        results.append(result)
    return Replay(results, positions)


def history_document(simulation: Simulation, history: Replay, label: Callable[[Step], str]) -> dict:
    commits = history.commits
    count = len(commits)
    layers = []
    for position in history.layer_positions:
        step = simulation.steps[position]
        rebuilt = history.rebuilt_count(position)
        layers.append({"stage": label(step), "line": step.line, "instruction": step.text, "rebuilt": rebuilt,
                       "rebuild_share": rebuilt / count if count else 0.0,
                       "compressed_bytes": step.compressed_bytes,
                       "strip": "".join("m" if commit.misses.get(position, True) else "h" for commit in commits)})
    return {
        "commits": count,
        "revisions": [{"commit": commit.commit[:12], "subject": commit.subject, "changed_files": len(commit.changed),
                       "dockerfile_changed": commit.dockerfile_changed,
                       "rebuilt_steps": sum(commit.misses.values()),
                       "rebuilt_bytes": commit.rebuilt_bytes,
                       "rebuilt_compressed_bytes": commit.rebuilt_compressed_bytes} for commit in commits],
        "layers": layers,
        "expected_rebuilt_bytes": round(sum(c.rebuilt_bytes for c in commits) / count) if count else 0,
        "expected_rebuilt_compressed_bytes":
            round(sum(c.rebuilt_compressed_bytes for c in commits) / count) if count else 0,
    }
