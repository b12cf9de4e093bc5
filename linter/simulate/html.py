"""``--format html``: one self-contained page (inline CSS and SVG; no script, no network, no external asset).

It shows a stacked bar of layer sizes per stage, the layer table and, with
``--history``, a hit/miss strip per layer over the replayed commits.
"""

from __future__ import annotations

from html import escape

from pydocklint.simulate.units import human

_PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#bab0ac")
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}.reason{color:#555;font-size:12px}
.hit{color:#2e7d32}.miss{color:#c62828}
"""


def _bar(stage: str, layers: list[dict], width: int = 900) -> str:
    sized = [layer for layer in layers if layer["compressed_bytes"]]
    total = sum(layer["compressed_bytes"] for layer in sized)
    parts = [(f'<svg class="stage-bar" data-stage="{escape(stage)}" width="{width}" height="34" '
              f'viewBox="0 0 {width} 34" role="img" aria-label="layers of stage {escape(stage)}">')]
    x = 0.0
    for index, layer in enumerate(sized):
        share = layer["compressed_bytes"] / total if total else 0
        w = share * width
        label = f"line {layer['line']}: {layer['instruction']} ({human(layer['compressed_bytes'])})"
        parts.append(f'<rect class="layer" x="{x:.1f}" y="2" width="{max(w, 0.5):.1f}" height="30" '
                     f'fill="{_PALETTE[index % len(_PALETTE)]}"><title>{escape(label)}</title></rect>')
        x += w
    parts.append("</svg>")
    return "".join(parts)


def _strip(layer: dict, cell: int = 14) -> str:
    cells = []
    for index, outcome in enumerate(layer["strip"]):
        colour = "#c62828" if outcome == "m" else "#2e7d32"
        cells.append(f'<rect x="{index * cell}" y="0" width="{cell - 2}" height="{cell - 2}" fill="{colour}">'
                     f'<title>{"miss" if outcome == "m" else "hit"}</title></rect>')
    width = max(len(layer["strip"]) * cell, cell)
    return f'<svg class="strip" width="{width}" height="{cell}">{"".join(cells)}</svg>'


def render(doc: dict) -> str:
    image = doc["image"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>pydocklint simulate</title>", f"<style>{_STYLE}</style></head><body>",
           f"<h1>Image size and layer cache: target stage {escape(str(doc['target']))}</h1>"]
    if image["base_known"]:
        estimate = f"{human(image['compressed_bytes'])} compressed, {human(image['bytes'])} uncompressed"
        if not image["complete"]:
            estimate += " (at least: some layers are of unknown size)"
    else:
        estimate = (f"unknown: {image['base_reason'] or ''}; the layers above it add "
                    f"{human(image['layers_compressed_bytes'])} compressed")
    out.append(f'<p id="estimate">Image estimate: {escape(estimate)}. Wasted (deleted in a later layer): '
               f"{human(image['wasted_bytes'])}.</p>")
    stages: dict[str, list[dict]] = {}
    for layer in doc["layers"]:
        if layer["creates_layer"] or layer["instruction"].upper().startswith("FROM"):
            stages.setdefault(layer["stage"], []).append(layer)
    out.append("<h2>Layer sizes per stage (compressed)</h2>")
    for stage, layers in stages.items():
        total = sum(layer["compressed_bytes"] or 0 for layer in layers)
        in_image = " (in the image)" if layers and layers[0]["in_image"] else " (build only)"
        out.append(f"<h3>Stage {escape(stage)}{in_image}: {human(total)}</h3>")
        out.append(_bar(stage, layers))
    out.append("<h2>Layers</h2><table id=\"layers\"><tr><th>line</th><th>stage</th><th>instruction</th>"
               "<th>size</th><th>compressed</th><th>cache</th></tr>")
    for layer in doc["layers"]:
        if not (layer["creates_layer"] or layer["instruction"].upper().startswith("FROM")):
            continue
        cache = layer["cache"] or ""
        why = f"<br>cache: {escape(layer['cache_reason'])}" if layer.get("cache_reason") and cache == "miss" else ""
        out.append(f'<tr class="layer-row"><td class="n">{layer["line"]}</td><td>{escape(layer["stage"])}</td>'
                   f'<td>{escape(layer["instruction"])}<div class="reason">{escape(layer["reason"])}{why}</div></td>'
                   f'<td class="n">{human(layer["bytes"])}</td><td class="n">{human(layer["compressed_bytes"])}</td>'
                   f'<td class="{cache}">{cache}</td></tr>')
    out.append("</table>")
    history = doc.get("history")
    if history:
        out.append(f"<h2>History: {history['commits']} commits (newest first)</h2>"
                   f"<p>Expected rebuild per commit: {human(history['expected_rebuilt_compressed_bytes'])} "
                   "compressed.</p><table id=\"history\"><tr><th>line</th><th>instruction</th><th>rebuilt</th>"
                   "<th>hit / miss per commit</th></tr>")
        for layer in history["layers"]:
            out.append(f'<tr><td class="n">{layer["line"]}</td><td>{escape(layer["instruction"])}</td>'
                       f'<td class="n">{layer["rebuilt"]}/{history["commits"]}</td><td>{_strip(layer)}</td></tr>')
        out.append("</table>")
    for item in doc.get("advice") or ():
        out.append(f'<p class="advice">Advice: {escape(item["message"])}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
