"""The ``pydocklint`` command: parse arguments, run the pipeline, choose an emitter, exit.

``pydocklint [OPTIONS] [PATH]...`` lints; ``parse``, ``rules`` and ``rule`` are
subcommands chosen by the first word (a file literally named like a subcommand
can be linted as ``./parse``).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace

import click

from pydocklint import __version__
from pydocklint.findings import Finding, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_LABELS = [s.label for s in sorted(Severity, reverse=True)]


def _split_references(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


FORMAT_NAMES = ["text", "json", "sarif", "github", "gnu", "checkstyle", "codeclimate"]
# The kinds of file a run lints (.dockerignore files are read as part of a Dockerfile's build context).
LINTED_KINDS = ("dockerfile", "compose")


@click.command(context_settings={"help_option_names": ["-h", "--help"]},
               epilog="Other commands: `pydocklint parse FILE` prints the parse as JSON; "
                      "`pydocklint rules` lists the rules; `pydocklint rule CODE` explains one; "
                      "`pydocklint simulate [Dockerfile]` estimates image size and layer-cache hits.")
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[PATH]...")
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output-file", metavar="FILE", help="Write the output to FILE (atomically) instead of stdout.")
@click.option("--show-source", is_flag=True, help="text: show each finding's source line with a caret marker.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--sarif-category", metavar="NAME",
              help="sarif: write runs[0].automationDetails.id (only for uploads without the action's category).")
@click.option("--stdin-filename", metavar="PATH",
              help="Name (and configuration) for input read from `-`.")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Use this configuration file for every file (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fail-level", type=click.Choice(SEVERITY_LABELS), default=None,
              help="Exit 1 when a finding is at least this severe.  [default: warning, or the configuration's]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules (codes, names, code prefixes, hadolint or BuildKit ids; comma-separated).")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the configuration's select.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules (same references as --select).")
@click.option("--baseline", metavar="FILE", type=click.Path(dir_okay=False),
              help="Leave out the findings recorded in this baseline file.")
@click.option("--write-baseline", metavar="FILE", type=click.Path(dir_okay=False),
              help="Record every current finding in FILE and exit 0.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour text output (auto: only on a terminal; never when NO_COLOR is set).")
@click.version_option(__version__, "--version", prog_name="pydocklint", message="%(prog)s %(version)s")
def lint(paths, output_format, output_file, show_source, statistics, sarif_category, stdin_filename, config_file,
         isolated, fail_level, exit_zero, select, extend_select, ignore, baseline, write_baseline, color) -> None:
    """Lint Dockerfiles. PATH is a file, a directory (searched for Dockerfiles) or `-` for stdin.

    Exit status: 0 no findings at or above --fail-level, 1 findings, 2 usage, configuration, I/O or internal error.
    """
    from pydocklint.config import ConfigError, ConfigLoader
    from pydocklint.discover import DiscoveryError
    from pydocklint.emit import Run, emitter
    from pydocklint.engine import UnknownRuleError, validate_references
    from pydocklint.source import SourceError, decode, read_source

    if statistics and output_format != "text":
        raise click.UsageError("--statistics prints a table: it cannot be combined with --format")
    select_refs, extend_refs, ignore_refs = map(_split_references, (select, extend_select, ignore))
    try:
        validate_references(select_refs + extend_refs + ignore_refs)
    except UnknownRuleError as error:
        raise click.UsageError(str(error)) from None
    overrides = {"select": select_refs, "extend_select": extend_refs, "ignore": ignore_refs,
                 "fail_level": Severity.from_label(fail_level) if fail_level else None}
    try:
        loader = ConfigLoader(config_file=config_file, isolated=isolated, overrides=overrides)
        known = _read_baseline(baseline) if baseline else None
    except ConfigError as error:
        _error(f"error: {error}")
        sys.exit(EXIT_ERROR)
    colour = output_format == "text" and not output_file and not os.environ.get("NO_COLOR") and (
        color == "always" or (color == "auto" and sys.stdout.isatty()))
    fingerprinted = bool(baseline or write_baseline or output_format == "codeclimate")

    run = Run([], colour=colour, show_source=show_source, sarif_category=sarif_category)
    failing: list[Finding] = []
    ran: dict[str, object] = {}
    suppressed = 0
    failed = False
    # Compose files first: the Dockerfiles their services build are then linted once each,
    # with the build context the service gives them (its .dockerignore).
    targets = sorted(_targets(paths, stdin_filename), key=lambda t: getattr(t, "kind", "") != "compose")
    build_contexts: dict[str, str] = {}
    linted_dockerfiles: set[str] = set()
    for target in targets:
        if isinstance(target, DiscoveryError):
            _error(f"{target.path}: {target.message}")
            failed = True
            continue
        if target.kind not in LINTED_KINDS:
            continue
        if target.kind == "dockerfile" and not target.stdin:
            key = os.path.realpath(target.path)
            if key in linted_dockerfiles:
                continue  # already linted, e.g. as the Dockerfile a Compose service builds
            linted_dockerfiles.add(key)
            if target.context_root is None and key in build_contexts:
                target = replace(target, context_root=build_contexts[key])
        try:
            settings = loader.settings_for(target.path)
            text = decode(sys.stdin.buffer.read()) if target.stdin else read_source(target.path)
        except ConfigError as error:
            _error(f"error: {error}")
            sys.exit(EXIT_ERROR)
        except SourceError as error:
            where = f":{error.line}" if error.line else ""
            _error(f"{target.path}{where}: error: {error.message}")
            run.errors.append((target.path, error.message))
            failed = True
            continue
        rules = settings.rules_for(target.path)
        report, rules = _lint_target(target, text, rules, settings, fingerprinted, stdin_filename)
        run.paths.append(target.path)
        ran.update((r.code, r) for r in rules)
        suppressed += report.suppressed
        for message in report.errors:
            _error(f"{target.path}: {message}")
            run.errors.append((target.path, message))
            failed = True
        findings = report.findings
        if fingerprinted:
            pairs = list(zip(findings, _fingerprints(report)))
            if known is not None:
                from pydocklint.baseline import unbaselined

                kept = unbaselined(pairs, known)
                suppressed += len(pairs) - len(kept)
                pairs = kept
            findings = [f for f, _ in pairs]
            run.fingerprints.update((id(f), p) for f, p in pairs)
        if show_source:
            run.sources[target.path] = report.lines
        run.findings.extend(findings)
        if target.kind == "compose":
            targets.extend(_built_dockerfiles(text, target.path, build_contexts))
        threshold = settings.effective_fail_level
        failing.extend(f for f in findings if f.severity >= threshold)
    run.rules = tuple(ran[code] for code in sorted(ran))
    # One run reports every file's findings together, sorted by file and line; a finding a Compose
    # file reports in another file (an extends base) is shown once.
    run.findings = sorted({_identity(f): f for f in run.findings}.values(), key=lambda f: f.sort_key)

    if write_baseline:
        _write_baseline(write_baseline, run)
        sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)
    render = (lambda stream: _write_statistics(run, stream)) if statistics else \
        (lambda stream: emitter(output_format)(run, stream))
    if output_file:
        from pydocklint.emit import write_atomically

        try:
            write_atomically(output_file, render)
        except OSError as error:
            _error(f"{output_file}: error: cannot write output: {error.strerror or error}")
            sys.exit(EXIT_ERROR)
    else:
        render(sys.stdout)
        sys.stdout.flush()
    _summary(run.findings, len(run.paths), suppressed)
    if failed:
        sys.exit(EXIT_ERROR)
    if not exit_zero and failing:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _lint_target(target, text, rules, settings, fingerprinted, stdin_filename):
    """Lint one file with the linter of its kind; returns the report and the rules that ran."""
    if target.kind == "compose":
        from pydocklint.compose.lint import compose_rules, lint_compose

        rules = tuple(compose_rules(rules))
        return lint_compose(text, target.path, rules, settings=settings), rules
    from pydocklint.engine import dockerfile_rules, lint_dockerfile

    rules = dockerfile_rules(rules)
    # The build context is read from disk: the directory a Compose service names, or the file's own
    # (for stdin: that of --stdin-filename).
    context = "load" if not target.stdin or stdin_filename else None
    report = lint_dockerfile(text, target.path, rules, context=context, context_root=target.context_root,
                             settings=settings, fingerprints=fingerprinted)
    return report, rules


def _built_dockerfiles(text: str, path: str, build_contexts: dict[str, str]):
    """Targets for the Dockerfiles a Compose file's services build, recording each one's context."""
    from pydocklint.compose.lint import built_dockerfiles
    from pydocklint.discover import Target

    for dockerfile_path, context_root in built_dockerfiles(text, path):
        key = os.path.realpath(dockerfile_path)
        if key not in build_contexts:
            build_contexts[key] = context_root
            yield Target(dockerfile_path, "dockerfile", context_root=context_root)


def _identity(finding: Finding) -> tuple:
    return (os.path.realpath(finding.path), finding.line, finding.column, finding.code, finding.message)


def _fingerprints(report) -> list[str]:
    """The report's fingerprints; for a linter that does not make them, those of the findings' lines."""
    if len(report.fingerprints) == len(report.findings):
        return report.fingerprints
    from pydocklint.baseline import fingerprint

    lines = report.lines
    return [fingerprint(lines[f.line - 1] if 0 < f.line <= len(lines) else "") for f in report.findings]


def _read_baseline(path: str):
    from pydocklint.baseline import BaselineError, read_baseline
    from pydocklint.config import ConfigError

    try:
        return read_baseline(path)
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def _write_baseline(path: str, run) -> None:
    from pydocklint.baseline import write_baseline
    from pydocklint.emit import write_atomically

    fingerprints = [run.fingerprints[id(f)] for f in run.findings]
    try:
        write_atomically(path, lambda stream: write_baseline(run.findings, fingerprints, stream))
    except OSError as error:
        _error(f"{path}: error: cannot write baseline: {error.strerror or error}")
        sys.exit(EXIT_ERROR)
    count = len(run.findings)
    click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {path}.", err=True)


def _write_statistics(run, stream) -> None:
    """Counts per rule, most frequent first, as ruff's --statistics prints them."""
    counts = Counter(f.code for f in run.findings)
    names = {f.code: f.name for f in run.findings}
    severities = {f.code: f.severity.label for f in run.findings}
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        stream.write(f"{count:>5}  {code}  {severities[code]:<8} {names[code]}\n")


def _targets(paths: tuple[str, ...], stdin_filename: str | None):
    from pydocklint.discover import Target, discover

    for path in paths or (".",):
        if path == "-":
            yield Target(stdin_filename or "-", "dockerfile", stdin=True)
        else:
            yield from discover([path])


def _error(message: str) -> None:
    click.echo(f"pydocklint: {message}", err=True)


def _summary(findings: list[Finding], files: int, suppressed: int = 0) -> None:
    noun = "file" if files == 1 else "files"
    hidden = f" ({suppressed} suppressed)" if suppressed else ""
    if not findings:
        click.echo(f"No findings in {files} {noun}{hidden}.", err=True)
        return
    by_severity = Counter(f.severity for f in findings)
    parts = ", ".join(f"{by_severity[s]} {s.label}{'s' if by_severity[s] != 1 and s != Severity.INFO else ''}"
                      for s in sorted(by_severity, reverse=True))
    with_findings = len({f.path for f in findings})
    click.echo(f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({parts}) "
               f"in {with_findings} of {files} {noun}{hidden}.", err=True)


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
                                "summary": r.summary, "covers": list(r.covers),
                                "enabled_by_default": r.default_enabled} for r in catalog], indent=2))
    else:
        for r in catalog:
            covers = f"  ({', '.join(r.covers)})" if r.covers else ""
            off = "  [off by default]" if not r.default_enabled else ""
            click.echo(f"{r.code}  {r.name:<36} {r.severity.label:<8} {r.summary}{covers}{off}")


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


def _simulate_command():
    from pydocklint.simulate.command import simulate_command  # heavy: only for `pydocklint simulate`

    return simulate_command


SUBCOMMANDS = {"parse": lambda: parse_command, "rules": lambda: rules_command, "rule": lambda: rule_command,
               "simulate": _simulate_command}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    command, prog = lint, "pydocklint"
    if args and args[0] in SUBCOMMANDS:
        command, prog = SUBCOMMANDS[args[0]](), f"pydocklint {args[0]}"
        args = args[1:]
    try:
        command.main(args, prog_name=prog, standalone_mode=True)
    except BrokenPipeError:
        # The reader went away (`pydocklint ... | head -1`): stop quietly, without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
