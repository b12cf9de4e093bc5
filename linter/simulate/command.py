"""``pydocklint simulate``: the click command (registered in the CLI's subcommand table by the CLI's owner)."""

from __future__ import annotations

import json
import os
import sys

import click

FORMATS = ("text", "json", "html")


def _build_args(values: tuple[str, ...]) -> dict[str, str]:
    args: dict[str, str] = {}
    for value in values:
        name, equals, setting = value.partition("=")
        if not equals:
            setting = os.environ.get(name, "")  # `--build-arg NAME` takes the value from the environment, as docker
        args[name] = setting
    return args


def _changed_paths(values: tuple[str, ...], context_root: str) -> frozenset[str]:
    """--changed values as context paths: a path that exists here is taken relative to the context root."""
    import posixpath

    paths = set()
    for value in values:
        for item in value.replace(",", " ").split():
            if os.path.exists(item) or os.path.isabs(item):
                relative = os.path.relpath(os.path.abspath(item), os.path.abspath(context_root))
                if not relative.startswith(".."):
                    item = relative
            paths.add(posixpath.normpath(item.replace(os.sep, "/")).lstrip("/"))
    return frozenset(paths)


def load_context(dockerfile_path: str, context_dir: str | None, listing: str | None):
    from pydocklint.context import BuildContext, load_build_context, read_listing

    root = context_dir or os.path.dirname(dockerfile_path) or "."
    if listing is not None:
        with open(listing, encoding="utf-8", errors="replace") as handle:
            files = read_listing(handle.read())
        base = load_build_context(dockerfile_path, root)
        return BuildContext(base.root, base.ignore, files)
    return load_build_context(dockerfile_path, root, list_files=True)


def simulate_text(text: str, path: str, *, target, build_args, context):
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse
    from pydocklint.simulate.simulator import simulate

    return simulate(build(parse(text), path), target=target, build_args=build_args, context=context)


def _reset(simulation) -> None:
    for step in simulation.steps:
        step.cache = None
        step.cache_reason = ""


@click.command("simulate")
@click.argument("dockerfile", default="Dockerfile", type=click.Path(dir_okay=False))
@click.option("--context", "context_dir", type=click.Path(file_okay=False, exists=True),
              help="The build context directory (default: the Dockerfile's directory).")
@click.option("--context-listing", type=click.Path(dir_okay=False, exists=True),
              help="A listing of the context as path<TAB>bytes lines, instead of reading the directory.")
@click.option("--target", help="The stage to build (default: the last).")
@click.option("--build-arg", "build_arg", multiple=True, metavar="K=V", help="A build argument (repeatable).")
@click.option("--changed", multiple=True, metavar="PATH",
              help="A changed file, relative to the context (repeatable; also comma- or space-separated).")
@click.option("--since", metavar="GIT_REV", help="Take the changed files from git: those differing from GIT_REV.")
@click.option("--history", type=click.IntRange(min=1), metavar="N",
              help="Replay the last N commits and report each layer's rebuild share.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE.")
def simulate_command(dockerfile, context_dir, context_listing, target, build_arg, changed, since, history,
                     output_format, output):
    """Estimate the image size layer by layer and which layers a change rebuilds, without building."""
    from pydocklint.simulate.advice import reorder_advice
    from pydocklint.simulate.cache import ChangeSet, apply
    from pydocklint.simulate.history import GitError, Repository
    from pydocklint.simulate.replay import history_document, replay
    from pydocklint.simulate.report import document, stage_label, text
    from pydocklint.simulate.simulator import SimulationError

    try:
        with open(dockerfile, encoding="utf-8", errors="replace") as handle:
            source = handle.read()
    except OSError as error:
        raise click.ClickException(f"{dockerfile}: {error.strerror or error}") from error
    context = load_context(dockerfile, context_dir, context_listing)
    build_args = _build_args(build_arg)

    def other_version(text_: str):
        try:
            return simulate_text(text_, dockerfile, target=target, build_args=build_args, context=context)
        except SimulationError:
            return None

    try:
        simulation = simulate_text(source, dockerfile, target=target, build_args=build_args, context=context)
    except SimulationError as error:
        raise click.ClickException(f"{dockerfile}: {error}") from error

    repository = None
    if since or history:
        try:
            repository = Repository.locate(dockerfile, context.root)
        except GitError as error:
            raise click.ClickException(f"{dockerfile}: git: {error}") from error

    replayed = None
    history_doc = None
    if history:
        try:
            replayed = replay(simulation, repository, history, other_version)
        except GitError as error:
            raise click.ClickException(f"git: {error}") from error
        history_doc = history_document(simulation, replayed, lambda step: stage_label(simulation, step.stage.index))
        _reset(simulation)

    outcome = None
    changed_paths = _changed_paths(changed, context.root) if changed else None
    previous = None
    no_previous = False
    if since:
        try:
            since_files = repository.changed_since(since)
        except GitError as error:
            raise click.ClickException(f"git: {error}") from error
        changed_paths = (changed_paths or frozenset()) | repository.to_context(since_files)
        if repository.dockerfile in since_files:
            old_text = repository.dockerfile_at(since)
            previous = other_version(old_text) if old_text is not None else None
            no_previous = old_text is None
    if changed_paths is not None:
        outcome = apply(simulation, ChangeSet(changed_paths, previous, no_previous))

    advice = reorder_advice(simulation, replayed, changed_paths)
    doc = document(simulation, outcome, changed=sorted(changed_paths) if changed_paths is not None else None,
                   since=since, history=history_doc, advice=advice)
    if output_format == "json":
        rendered = json.dumps(doc, indent=2) + "\n"
    elif output_format == "html":
        from pydocklint.simulate.html import render

        rendered = render(doc)
    else:
        rendered = text(doc)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(rendered)
    else:
        sys.stdout.write(rendered)
