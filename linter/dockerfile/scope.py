"""Which ARG and ENV values are known where: BuildKit's variable scoping, for rules."""

from __future__ import annotations

from pydocklint.dockerfile.model import Dockerfile

# Defined by BuildKit for every build; usable in FROM without a declaration.
AUTOMATIC_ARGS = frozenset({
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETOSVERSION", "TARGETSTAGE",
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "BUILDOSVERSION",
})  # fmt: skip


def global_arg_defaults(dockerfile: Dockerfile) -> dict[str, str | None]:
    """Global ARGs (before the first FROM) with their default values as BuildKit expands them.

    None means declared without a default, or a default that cannot be known
    statically; such an ARG gets its value from ``--build-arg`` at build time.
    """
    from pydocklint.dockerfile.variables import ExpansionError, expand

    values: dict[str, str | None] = {}
    for instruction in dockerfile.global_args:
        for word in instruction.args:
            name, has_default, default = word.partition("=")
            if not has_default:
                values.setdefault(name, None)
                continue
            known = {k: v for k, v in values.items() if v is not None}
            try:
                expansion = expand(default, known, escape=dockerfile.escape)
            except ExpansionError:
                values[name] = None
                continue
            values[name] = None if expansion.unmatched else expansion.value
    return values
