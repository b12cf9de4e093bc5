"""The simulation as one JSON-ready document, and its text rendering.

The document's keys are the public schema of ``--format json`` (issue 5); later
additions add keys, never rename these. Text and HTML render the same document.
"""

from __future__ import annotations

from pydocklint.simulate.cache import Outcome
from pydocklint.simulate.simulator import Simulation, Step
from pydocklint.simulate.units import human


def stage_label(simulation: Simulation, index: int) -> str:
    stage = simulation.dockerfile.stages[index]
    return stage.name or str(index)


def document(simulation: Simulation, outcome: Outcome | None = None, *, changed: list[str] | None = None,
             since: str | None = None, history: dict | None = None, advice: list[dict] | None = None) -> dict:
    final = simulation.final
    base = final.base
    image = {
        "bytes": final.total,
        "compressed_bytes": final.total_compressed,
        "wasted_bytes": final.wasted,
        "wasted_compressed_bytes": final.wasted_compressed,
        "base": base.reference if base else None,
        "base_known": bool(base and base.known),
        "base_source": base.how if base else None,
        "base_reason": base.reason if base else None,
        "complete": final.complete,
        # What the image's own layers add above its base (known even when the base is not).
        "layers_bytes": sum(step.bytes or 0 for step in simulation.image_steps if step.creates_layer),
        "layers_compressed_bytes": sum(step.compressed_bytes or 0 for step in simulation.image_steps
                                       if step.creates_layer),
    }
    result: dict = {
        "target": stage_label(simulation, simulation.target.index),
        "image": image,
        "layers": [_layer(simulation, step) for step in simulation.steps],
        "biggest_layers": [{"stage": stage_label(simulation, step.stage.index), "line": step.line,
                            "instruction": step.text, "compressed_bytes": step.compressed_bytes}
                           for step in simulation.biggest_layers()],
        "stages_built": [stage_label(simulation, index) for index in simulation.built_stages],
    }
    if outcome is not None:
        result["cache"] = {"changed": sorted(changed or []), "since": since,
                           "rebuilt_steps": outcome.rebuilt_steps, "layer_steps": outcome.layer_steps,
                           "rebuilt_bytes": outcome.rebuilt_bytes,
                           "rebuilt_compressed_bytes": outcome.rebuilt_compressed_bytes}
    if advice is not None:
        result["advice"] = advice
    if history is not None:
        result["history"] = history
    return result


def _layer(simulation: Simulation, step: Step) -> dict:
    return {
        "stage": stage_label(simulation, step.stage.index),
        "line": step.line,
        "instruction": step.text,
        "creates_layer": step.creates_layer,
        "bytes": step.bytes,
        "compressed_bytes": step.compressed_bytes,
        "cache": step.cache,
        "reason": step.reason,
        "cache_reason": step.cache_reason or None,
        "in_image": step.in_image,
        "complete": step.complete,
    }


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def text(doc: dict) -> str:
    """A table of the layers, then the totals, the biggest layers, the cache summary and advice."""
    lines = []
    image = doc["image"]
    lines.append(f"target stage: {doc['target']}    stages built: {', '.join(doc['stages_built'])}")
    show_cache = "cache" in doc or "history" in doc
    header = f"{'line':>5}  {'stage':<10} {'instruction':<44} {'size':>10} {'compressed':>10} {'total':>10}"
    if show_cache:
        header += f"  {'cache':<5}"
    lines.append(header)
    totals: dict[str, int] = {}
    for layer in doc["layers"]:
        if not layer["creates_layer"] and not layer["instruction"].upper().startswith("FROM"):
            continue
        stage = layer["stage"]
        if layer["instruction"].upper().startswith("FROM"):
            totals[stage] = layer["compressed_bytes"] or 0
        else:
            totals[stage] = totals.get(stage, 0) + (layer["compressed_bytes"] or 0)
        size = human(layer["bytes"]) + ("+" if not layer["complete"] and layer["bytes"] is not None else "")
        row = (f"{layer['line']:>5}  {_cut(stage, 10):<10} {_cut(layer['instruction'], 44):<44} {size:>10} "
               f"{human(layer['compressed_bytes']):>10} {human(totals[stage]):>10}")
        if show_cache:
            row += f"  {layer['cache'] or '':<5}"
        lines.append(row)
        lines.append(f"{'':>7}{_cut(layer['reason'], 110)}")
        if layer.get("cache_reason") and layer["cache"] == "miss":
            lines.append(f"{'':>7}cache miss: {layer['cache_reason']}")
    lines.append("")
    approximate = "" if image["complete"] else " (at least: some layers are of unknown size)"
    if image["base_known"]:
        lines.append(f"image estimate: {human(image['compressed_bytes'])} compressed, "
                     f"{human(image['bytes'])} uncompressed{approximate}")
    else:
        lines.append(f"image estimate: unknown: {image['base_reason']}; the layers above it add "
                     f"{human(image['layers_compressed_bytes'])} compressed")
    lines.append(f"wasted (deleted in a later layer, still shipped): {human(image['wasted_bytes'])}")
    if doc["biggest_layers"]:
        lines.append("biggest layers: " + "; ".join(
            f"line {layer['line']} {_cut(layer['instruction'], 40)} ({human(layer['compressed_bytes'])})"
            for layer in doc["biggest_layers"]))
    cache = doc.get("cache")
    if cache:
        lines.append(f"cache: {cache['rebuilt_steps']} of {cache['layer_steps']} steps rebuilt, "
                     f"{human(cache['rebuilt_compressed_bytes'])} compressed "
                     f"({human(cache['rebuilt_bytes'])} uncompressed)")
    history = doc.get("history")
    if history:
        lines.append(f"history: {history['commits']} commits replayed; expected rebuild per commit: "
                     f"{human(history['expected_rebuilt_compressed_bytes'])} compressed")
        for layer in history["layers"]:
            lines.append(f"{layer['line']:>5}  {_cut(layer['instruction'], 50):<50} rebuilt in "
                         f"{layer['rebuilt']}/{history['commits']} commits ({layer['rebuild_share']:.0%})")
    for item in doc.get("advice") or ():
        lines.append("advice: " + item["message"])
    return "\n".join(lines) + "\n"
