"""``pydocklint simulate``: image size and layer-cache behaviour, predicted without building.

Modules: :mod:`tables` (the shipped size tables), :mod:`commands` (the one adapter
onto the shell and package analysis), :mod:`size` (sizes), :mod:`cache` (BuildKit
cache keys), :mod:`history` (git change sets), :mod:`report` (text, json, html) and
:mod:`command` (the click command). The method is documented in ``docs/simulate.md``.
"""
