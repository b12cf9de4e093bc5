"""The ``pydocklint`` command: parse arguments, run the pipeline, choose an emitter, exit.

``pydocklint [OPTIONS] [PATH]...`` lints; ``parse``, ``rules`` and ``rule`` are
subcommands chosen by the first word (a file literally named like a subcommand
can be linted as ``./parse``).
"""

from __future__ import annotations

import os
import sys
from collections import Counter

import click

from pydocklint import __version__
from pydocklint.findings import Finding, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_LABELS = [s.label for s in sorted(Severity, reverse=True)]


def _split_references(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command(context_settings={"help_option_names": ["-h", "--help"]},
               epilog="Other commands: `pydocklint parse FILE` prints the parse as JSON; "
                      "`pydocklint rules` lists the rules; `pydocklint rule CODE` explains one.")
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[PATH]...")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--stdin-filename", metavar="PATH", help="Name to report for input read from `-`.")
@click.option("--fail-level", type=click.Choice(SEVERITY_LABELS), default="warning", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules (codes, names, code prefixes, hadolint or BuildKit ids; comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules (same references as --select).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour text output (auto: only on a terminal; never when NO_COLOR is set).")
@click.version_option(__version__, "--version", prog_name="pydocklint", message="%(prog)s %(version)s")
def lint(paths, output_format, stdin_filename, fail_level, exit_zero, select, ignore, color) -> None:
    """Lint Dockerfiles. PATH is a file, a directory (searched for Dockerfiles) or `-` for stdin.

    Exit status: 0 no findings at or above --fail-level, 1 findings, 2 usage, I/O or internal error.
    """
    from pydocklint.discover import DiscoveryError
    from pydocklint.emit.json import write_json
    from pydocklint.emit.text import write_text
    from pydocklint.engine import UnknownRuleError, lint_dockerfile, select_rules, validate_references
    from pydocklint.source import SourceError, decode, read_source

    select_refs, ignore_refs = _split_references(select), _split_references(ignore)
    try:
        validate_references(select_refs + ignore_refs)
    except UnknownRuleError as error:
        raise click.UsageError(str(error)) from None
    rules = select_rules(select_refs, ignore_refs)
    colour = output_format == "text" and not os.environ.get("NO_COLOR") and (
        color == "always" or (color == "auto" and sys.stdout.isatty()))

    collected: list[Finding] = []
    failed = False
    linted = 0
    for target in _targets(paths, stdin_filename):
        if isinstance(target, DiscoveryError):
            _error(f"{target.path}: {target.message}")
            failed = True
            continue
        if target.kind != "dockerfile":
            continue  # Compose files and ignore files get their own linters
        try:
            text = decode(sys.stdin.buffer.read()) if target.stdin else read_source(target.path)
        except SourceError as error:
            where = f":{error.line}" if error.line else ""
            _error(f"{target.path}{where}: error: {error.message}")
            failed = True
            continue
        # The build context is read from disk beside the file (for stdin: beside --stdin-filename).
        context = "load" if not target.stdin or stdin_filename else None
        report = lint_dockerfile(text, target.path, rules, context=context)
        linted += 1
        for message in report.errors:
            _error(f"{target.path}: {message}")
            failed = True
        if output_format == "text":
            write_text(report.findings, sys.stdout, colour)
        collected.extend(report.findings)

    if output_format == "json":
        write_json(collected, sys.stdout)
    sys.stdout.flush()
    _summary(collected, linted)
    if failed:
        sys.exit(EXIT_ERROR)
    threshold = Severity.from_label(fail_level)
    if not exit_zero and any(f.severity >= threshold for f in collected):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _targets(paths: tuple[str, ...], stdin_filename: str | None):
    from pydocklint.discover import Target, discover

    for path in paths or (".",):
        if path == "-":
            yield Target(stdin_filename or "-", "dockerfile", stdin=True)
        else:
            yield from discover([path])


def _error(message: str) -> None:
    click.echo(f"pydocklint: {message}", err=True)


def _summary(findings: list[Finding], files: int) -> None:
    noun = "file" if files == 1 else "files"
    if not findings:
        click.echo(f"No findings in {files} {noun}.", err=True)
        return
    by_severity = Counter(f.severity for f in findings)
    parts = ", ".join(f"{by_severity[s]} {s.label}{'s' if by_severity[s] != 1 and s != Severity.INFO else ''}"
                      for s in sorted(by_severity, reverse=True))
    with_findings = len({f.path for f in findings})
    click.echo(f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({parts}) "
               f"in {with_findings} of {files} {noun}.", err=True)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, required=True, type=click.Path())
def parse_command(files) -> None:
    """Print how pydocklint (and BuildKit) parse FILE, as JSON in BuildKit's oracle schema.

    With several files, prints one object keyed by path.
    """
    import json

    from pydocklint.dockerfile.dump import to_oracle
    from pydocklint.dockerfile.parser import parse
    from pydocklint.source import SourceError, decode, read_source

    documents = {}
    failed = False
    for path in files:
        try:
            text = decode(sys.stdin.buffer.read()) if path == "-" else read_source(path)
        except SourceError as error:
            _error(f"{path}: error: {error.message}")
            failed = True
            continue
        documents[path] = to_oracle(parse(text))
    if documents:
        output = next(iter(documents.values())) if len(files) == 1 else documents
        click.echo(json.dumps(output, indent=1, ensure_ascii=False))
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the full reference, as in docs/rules.md.")
def rules_command(output_format) -> None:
    """List every rule: code, name, default severity, family and the ids it covers."""
    from pydocklint.rule import all_rules, rules_reference

    catalog = all_rules()
    if output_format == "markdown":
        click.echo(rules_reference(catalog), nl=False)
    elif output_format == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.label, "family": r.family,
                                "summary": r.summary, "covers": list(r.covers)} for r in catalog], indent=2))
    else:
        for r in catalog:
            covers = f"  ({', '.join(r.covers)})" if r.covers else ""
            click.echo(f"{r.code}  {r.name:<36} {r.severity.label:<8} {r.summary}{covers}")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("reference")
def rule_command(reference) -> None:
    """Explain one rule, by code, name, or a hadolint/BuildKit id it covers."""
    from pydocklint.rule import find_rule

    found = find_rule(reference)
    if found is None:
        raise click.UsageError(f"unknown rule {reference!r} (see `pydocklint rules`)")
    covers = f"\nCovers: {', '.join(found.covers)}" if found.covers else ""
    click.echo(f"# {found.code} {found.name}\n\nSeverity: {found.severity.label}. Family: {found.family}.{covers}\n\n"
               f"{found.summary}\n\n{found.docs}")


SUBCOMMANDS = {"parse": parse_command, "rules": rules_command, "rule": rule_command}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    command, prog = lint, "pydocklint"
    if args and args[0] in SUBCOMMANDS:
        command, prog = SUBCOMMANDS[args[0]], f"pydocklint {args[0]}"
        args = args[1:]
    try:
        command.main(args, prog_name=prog, standalone_mode=True)
    except BrokenPipeError:
        # The reader went away (`pydocklint ... | head -1`): stop quietly, without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
