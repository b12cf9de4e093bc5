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
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff: apply unsafe fixes too (they change what the image holds or how it runs).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff instead of findings; write nothing.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Lint in N processes, output unchanged.  [default: the number of CPUs]")
@click.version_option(__version__, "--version", prog_name="pydocklint", message="%(prog)s %(version)s")
def lint(paths, output_format, output_file, show_source, statistics, sarif_category, stdin_filename, config_file,
         isolated, fail_level, exit_zero, select, extend_select, ignore, baseline, write_baseline, color,
         fix, unsafe_fixes, show_diff, jobs) -> None:
    """Lint Dockerfiles. PATH is a file, a directory (searched for Dockerfiles) or `-` for stdin.

    Exit status: 0 no findings at or above --fail-level, 1 findings, 2 usage, configuration, I/O or internal error.
    """
    from pydocklint.config import ConfigError, ConfigLoader
    from pydocklint.emit import Run, emitter
    from pydocklint.engine import UnknownRuleError, validate_references
    from pydocklint.fixes import unified_diff
    from pydocklint.run import RunOptions, lint_targets

    if statistics and output_format != "text":
        raise click.UsageError("--statistics prints a table: it cannot be combined with --format")
    if unsafe_fixes and not (fix or show_diff):
        raise click.UsageError("--unsafe-fixes goes with --fix or --diff")
    if (fix or show_diff) and (write_baseline or statistics):
        raise click.UsageError("--fix and --diff cannot be combined with --write-baseline or --statistics")
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
    fix_mode = ("unsafe" if unsafe_fixes else "safe") if (fix or show_diff) else None
    options = RunOptions(fingerprinted=fingerprinted, keep_lines=show_source, stdin_filename=stdin_filename,
                         fix=fix_mode, baseline=known)
    targets = list(_targets(paths, stdin_filename))
    tally = _Tally(unsafe_fixes=unsafe_fixes)
    progress = _Progress(len(targets)) if _wants_progress(output_format, show_diff) else None
    results = lint_targets(targets, loader, options, jobs or _cpu_count())
    # Line formats are written file by file as results arrive, so memory stays flat on big trees;
    # documents (JSON, SARIF...), statistics and baselines need every finding first.
    streamed = output_format in STREAMED_FORMATS and not statistics and not write_baseline and not show_diff

    def render(stream) -> None:
        run = Run([], colour=colour, show_source=show_source, sarif_category=sarif_category,
                  unsafe_fixes=unsafe_fixes)
        created: set[str] = set()
        for result in results:
            findings = tally.add(result, fix_mode is not None and not show_diff)
            if progress is not None:
                progress.clear()
            if show_diff:
                if result.fixed_text is not None:
                    stream.write(unified_diff(result.path, result.original, result.fixed_text))
                for path, content in result.new_files:
                    if not os.path.exists(path) and path not in created:
                        created.add(path)  # several Dockerfiles of one context propose the same file
                        stream.write(unified_diff(path, "", content).replace("a/" + path, "/dev/null", 1))
            elif streamed:
                emitter(output_format)(replace(run, findings=findings,
                                               sources={result.path: result.lines}), stream)
                stream.flush()
            else:
                run.findings.extend(findings)
                if result.source_error and result.kind != "missing":
                    run.errors.append((result.path, result.source_error[0]))
                run.errors.extend((result.path, message) for message in result.errors)
                if show_source:
                    run.sources[result.path] = result.lines
                if fingerprinted:
                    run.fingerprints.update(zip(map(id, findings), tally.fingerprints_of(result, findings)))
            if progress is not None:
                progress.advance()
        if progress is not None:
            progress.clear()
        if streamed or show_diff:
            return
        run.paths = tally.paths
        run.rules = tally.rules()
        run.findings.sort(key=lambda f: f.sort_key)
        if write_baseline:
            _write_baseline(write_baseline, run)
        elif statistics:
            _write_statistics(run, stream)
        else:
            emitter(output_format)(run, stream)

    if write_baseline:
        render(None)
        sys.exit(EXIT_ERROR if tally.failed else EXIT_CLEAN)
    if output_file:
        from pydocklint.atomic import write_atomically

        try:
            write_atomically(output_file, render)
        except OSError as error:
            _error(f"{output_file}: error: cannot write output: {error.strerror or error}")
            sys.exit(EXIT_ERROR)
    else:
        render(sys.stdout)
        sys.stdout.flush()
    tally.write_new_files()
    tally.summary(diff=show_diff)
    if tally.failed:
        sys.exit(EXIT_ERROR)
    if show_diff:
        sys.exit(EXIT_FINDINGS if tally.would_fix and not exit_zero else EXIT_CLEAN)
    if not exit_zero and tally.failing:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


STREAMED_FORMATS = ("text", "gnu", "github")


class _Tally:
    """What the run adds up over its files, for the summary line and the exit code, and the fixes it writes."""

    def __init__(self, unsafe_fixes: bool) -> None:
        self.unsafe_fixes = unsafe_fixes
        self.paths: list[str] = []
        self.codes: set[str] = set()
        self.by_severity: Counter = Counter()
        self.with_findings: set[str] = set()
        self.failing = 0
        self.failed = False
        self.suppressed = 0
        self.fixed = 0
        self.would_fix = 0
        self.fixable = 0
        self.unsafe_fixable = 0
        self.new_files: list[tuple[str, str]] = []  # (path, content) fixes create, written at the end
        self.foreign: set[tuple] = set()  # findings in other files (an extends base, a shared .dockerignore), once

    def add(self, result, write_fixes: bool) -> list[Finding]:
        """Take one file's result (reporting its errors) and return the findings to show."""
        if result.config_error:
            _error(f"error: {result.config_error}")
            sys.exit(EXIT_ERROR)
        if result.source_error:
            message, line = result.source_error
            if result.kind == "missing":
                _error(f"{result.path}: {message}")
            else:
                _error(f"{result.path}{f':{line}' if line else ''}: error: {message}")
            self.failed = True
            return []
        self.paths.append(result.path)
        self.codes.update(result.rules)
        for message in result.errors:
            _error(f"{result.path}: {message}")
            self.failed = True
        if result.fixed:
            self.would_fix += result.fixed
            if write_fixes:
                self._write_fixes(result)
        findings = []
        for finding in result.findings:
            if finding.path != result.path:
                identity = (os.path.realpath(finding.path), finding.line, finding.column, finding.code,
                            finding.message)
                if identity in self.foreign:
                    continue
                self.foreign.add(identity)
            findings.append(finding)
        self.by_severity.update(f.severity for f in findings)
        self.with_findings.update(f.path for f in findings)
        self.suppressed += result.suppressed
        self.failing += result.failing
        self.fixable += result.fixable
        self.unsafe_fixable += result.unsafe_fixable
        return findings

    def _write_fixes(self, result) -> None:
        from pydocklint.fixes import write_fixed

        if result.fixed_text is None or self._writing(
                result.path, lambda: write_fixed(result.path, result.original, result.fixed_text)):
            self.fixed += result.fixed
        # Files a fix creates (a starter .dockerignore) change other files' build context: they are
        # written once every file is linted, so that no result depends on what worker finished first.
        self.new_files.extend(result.new_files)

    def write_new_files(self) -> None:
        from pydocklint.fixes import write_fixed

        for path, content in self.new_files:
            if not os.path.exists(path):
                self._writing(path, lambda: write_fixed(path, None, content))

    def _writing(self, path: str, write) -> bool:
        try:
            write()
            return True
        except OSError as error:
            _error(f"{getattr(error, 'filename', None) or path}: error: cannot write the fix: "
                   f"{error.strerror or error}")
            self.failed = True
            return False

    @staticmethod
    def fingerprints_of(result, findings) -> list[str]:
        by_id = dict(zip(map(id, result.findings), result.fingerprints))
        return [by_id[id(f)] for f in findings]

    def rules(self) -> tuple:
        from pydocklint.rule import find_rule

        return tuple(find_rule(code) for code in sorted(self.codes))

    def summary(self, diff: bool = False) -> None:
        # A Compose file's findings may sit in a file it includes or extends: count that file too.
        files = len(set(self.paths) | self.with_findings)
        noun = "file" if files == 1 else "files"
        hidden = f" ({self.suppressed} suppressed)" if self.suppressed else ""
        if diff:
            click.echo(f"Would fix {self.would_fix} finding{'s' if self.would_fix != 1 else ''} "
                       f"in {files} {noun}.", err=True)
            return
        fixed = f"Fixed {self.fixed} finding{'s' if self.fixed != 1 else ''}. " if self.fixed else ""
        total = sum(self.by_severity.values())
        if not total:
            click.echo(f"{fixed}No findings in {files} {noun}{hidden}.", err=True)
            return
        parts = ", ".join(f"{self.by_severity[s]} {s.label}{'s' if self.by_severity[s] != 1 and s != Severity.INFO else ''}"
                          for s in sorted(self.by_severity, reverse=True))
        click.echo(f"{fixed}Found {total} finding{'s' if total != 1 else ''} ({parts}) "
                   f"in {len(self.with_findings)} of {files} {noun}{hidden}.{self._fixable()}", err=True)

    def _fixable(self) -> str:
        if not self.fixable and not self.unsafe_fixable:
            return ""
        text = f" [*] {self.fixable} fixable with --fix" + (" --unsafe-fixes" if self.unsafe_fixes else "")
        if self.unsafe_fixable:
            text += f" ({self.unsafe_fixable} more with --unsafe-fixes)"
        return text + "."


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _wants_progress(output_format: str, show_diff: bool) -> bool:
    """A progress bar only for people: stderr a terminal, not CI, not a machine format."""
    return (sys.stderr.isatty() and output_format == "text" and not show_diff
            and not os.environ.get("CI") and os.environ.get("TERM") != "dumb")


class _Progress:
    """``[#####     ] 1234/10000 files`` on stderr, shown only once a run has taken over a second."""

    DELAY, INTERVAL, WIDTH = 1.0, 0.1, 30

    def __init__(self, total: int) -> None:
        import time

        self.clock = time.monotonic
        self.total, self.done = total, 0
        self.started = self.clock()
        self.drawn_at = 0.0
        self.visible = False

    def advance(self) -> None:
        self.done += 1
        now = self.clock()
        if now - self.started < self.DELAY or now - self.drawn_at < self.INTERVAL:
            return
        total = max(self.total, self.done)
        filled = self.WIDTH * self.done // total
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {self.done}/{total} files")
        sys.stderr.flush()
        self.drawn_at, self.visible = now, True

    def clear(self) -> None:
        if self.visible:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.visible = False
            self.drawn_at = 0.0


def _read_baseline(path: str):
    from pydocklint.baseline import BaselineError, read_baseline
    from pydocklint.config import ConfigError

    try:
        return read_baseline(path)
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def _write_baseline(path: str, run) -> None:
    from pydocklint.baseline import write_baseline
    from pydocklint.atomic import write_atomically

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
                                "enabled_by_default": r.default_enabled, "fix": r.fix} for r in catalog],
                               indent=2))
    else:
        for r in catalog:
            covers = f"  ({', '.join(r.covers)})" if r.covers else ""
            off = "  [off by default]" if not r.default_enabled else ""
            fixable = {"safe": "  [fix]", "unsafe": "  [unsafe fix]"}.get(r.fix, "")
            click.echo(f"{r.code}  {r.name:<36} {r.severity.label:<8} {r.summary}{covers}{off}{fixable}")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("reference")
def rule_command(reference) -> None:
    """Explain one rule, by code, name, or a hadolint/BuildKit id it covers."""
    from pydocklint.rule import find_rule, fix_note

    found = find_rule(reference)
    if found is None:
        raise click.UsageError(f"unknown rule {reference!r} (see `pydocklint rules`)")
    covers = f"\nCovers: {', '.join(found.covers)}" if found.covers else ""
    covers += f"\n{fix_note(found)}" if found.fix else ""
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
