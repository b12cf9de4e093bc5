"""One lint run over many files: read, lint (and fix), in parallel processes, results in a stable order.

The CLI hands this module its targets and options and gets back one
``FileResult`` per file, in order, as each is ready, so that it can write them
out at once and keep no more than one file's findings in memory for streaming
formats. Compose files go first: the Dockerfiles their services build are then
linted once each, with the build context the service gives them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from pydocklint.findings import Finding

# Below this many files a pool of processes costs more than it saves.
PARALLEL_THRESHOLD = 8


@dataclass(frozen=True)
class RunOptions:
    fingerprinted: bool = False  # compute fingerprints (baselines, Code Climate)
    keep_lines: bool = False  # return each file's lines (--show-source)
    stdin_filename: str | None = None
    fix: str | None = None  # None: lint only; "safe" or "unsafe": compute fixes up to that class
    baseline: object = None  # a Counter of known findings, or None


@dataclass
class FileResult:
    path: str
    kind: str  # "dockerfile", "compose", or "missing" for a path the walk could not find or enter
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # internal errors: the file was not linted fully
    source_error: tuple[str, int | None] | None = None  # the file could not be read: (message, line)
    config_error: str | None = None  # a configuration error: the run stops
    suppressed: int = 0
    failing: int = 0  # findings at or above the file's fail level
    rules: tuple[str, ...] = ()  # codes of the rules that ran
    lines: tuple[str, ...] = ()
    fingerprints: list[str] = field(default_factory=list)
    built: list[tuple[str, str]] = field(default_factory=list)  # Compose: (Dockerfile, context) its services build
    original: str | None = None  # with fixes: the text before, when it changed
    fixed_text: str | None = None  # with fixes: the text after, when it changed
    fixed: int = 0  # findings the fixes removed
    fixable: int = 0  # findings with a fix of the class asked for (or safe ones when not fixing)
    unsafe_fixable: int = 0  # findings whose fix is unsafe and not asked for
    new_files: list[tuple[str, str]] = field(default_factory=list)  # (path, content) fixes would create


# The run's loader and options, set before worker processes fork so that each inherits them.
_state: tuple = (None, None)


def lint_targets(targets: Iterable, loader, options: RunOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Each target's result, Compose files first, then Dockerfiles, each group sorted by path."""
    global _state
    from pydocklint.discover import DiscoveryError, Target

    _state = (loader, options)
    compose, dockerfiles, problems = [], [], []
    for target in targets:
        if isinstance(target, DiscoveryError):
            problems.append(target)
        elif target.kind == "compose":
            compose.append(target)
        elif target.kind == "dockerfile":
            dockerfiles.append(target)
    for problem in problems:
        yield FileResult(problem.path, "missing", source_error=(problem.message, None))
    compose.sort(key=lambda t: t.path)
    contexts: dict[str, str] = {}  # real path of a Dockerfile a service builds -> its build context
    with _Pool(jobs, len(compose) + len(dockerfiles)) as pool:
        for result in pool.map(compose):
            for dockerfile, context_root in result.built:
                key = os.path.realpath(dockerfile)
                if key not in contexts:
                    contexts[key] = context_root
                    dockerfiles.append(Target(dockerfile, "dockerfile", context_root=context_root))
            yield result
        # Each Dockerfile once (as first found); one a service builds gets that service's context.
        dockerfiles = [t if t.stdin or t.context_root is not None
                       else replace(t, context_root=contexts.get(os.path.realpath(t.path)))
                       for t in _unique(dockerfiles)]
        dockerfiles.sort(key=lambda t: (t.stdin, t.path))
        yield from pool.map(dockerfiles)


def _unique(targets: list) -> list:
    seen, unique = set(), []
    for target in targets:
        key = "-" if target.stdin else os.path.realpath(target.path)
        if key not in seen:
            seen.add(key)
            unique.append(target)
    return unique


class _Pool:
    """Runs ``lint_one`` over targets in order: in this process, or in worker processes for many files."""

    def __init__(self, jobs: int, count: int) -> None:
        self.executor = None
        if jobs > 1 and count >= PARALLEL_THRESHOLD:
            import multiprocessing

            from pydocklint.rule import all_rules

            all_rules()  # import every rule module once, before the workers fork
            self.executor = multiprocessing.get_context("fork").Pool(jobs)

    def map(self, targets: list) -> Iterator[FileResult]:
        local = [t for t in targets if t.stdin]  # standard input is this process's own
        remote = [t for t in targets if not t.stdin]
        if self.executor is None or len(remote) < 2:
            yield from map(lint_one, remote)
        else:
            yield from self.executor.imap(lint_one, remote, chunksize=max(1, min(16, len(remote) // 64)))
        yield from map(lint_one, local)

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc) -> None:
        if self.executor is not None:
            self.executor.terminate() if exc[0] else self.executor.close()
            self.executor.join()


def lint_one(target) -> FileResult:
    """Read and lint one file (fixing it in memory when asked); never raises for a bad file."""
    import sys

    from pydocklint.config import ConfigError
    from pydocklint.source import SourceError, decode, read_source

    loader, options = _state
    result = FileResult(target.path, target.kind)
    try:
        settings = loader.settings_for(target.path)
        text = decode(sys.stdin.buffer.read()) if target.stdin else read_source(target.path)
    except ConfigError as error:
        result.config_error = str(error)
        return result
    except SourceError as error:
        result.source_error = (error.message, error.line)
        return result
    rules = settings.rules_for(target.path)
    try:
        _lint_text(result, target, text, rules, settings, options)
    except Exception as error:  # a bug must cost one file, not the run
        result.errors.append(f"internal error: {type(error).__name__}: {error}")
    return result


def _lint_text(result: FileResult, target, text: str, rules, settings, options: RunOptions) -> None:
    from pydocklint.fixes import parses

    rules = _rules_of(target, rules)
    lint, valid = _linter(target, rules, settings, options)
    report = lint(text)
    if options.fix and not report.errors and parses(target.kind, text):
        from pydocklint.fixes import fix_text

        outcome = fix_text(text, lint, unsafe=options.fix == "unsafe", still_valid=valid, report=report)
        if outcome.text != text:
            result.original, result.fixed_text, result.fixed = text, outcome.text, outcome.fixed
        report = outcome.report
    result.rules = tuple(r.code for r in rules)
    result.errors.extend(report.errors)
    result.suppressed = report.suppressed
    if options.keep_lines:
        result.lines = report.lines
    findings = report.findings
    if options.fingerprinted:
        pairs = list(zip(findings, _fingerprints(report)))
        if options.baseline is not None:
            from pydocklint.baseline import unbaselined

            kept = unbaselined(pairs, options.baseline)
            result.suppressed += len(pairs) - len(kept)
            pairs = kept
        findings = [f for f, _ in pairs]
        result.fingerprints = [p for _, p in pairs]
    if options.fix:
        # A fix that only creates a file (the starter .dockerignore) is applied by the CLI at the end of
        # the run: its finding is fixed, not left over.
        creating = [f for f in findings if _creates_only(f.fix, options.fix)]
        for finding in creating:
            result.new_files.extend(finding.fix.new_files)
        result.fixed += len(creating)
        if creating:
            kept = [(f, p) for f, p in zip(findings, result.fingerprints or [None] * len(findings))
                    if f not in creating]
            findings = [f for f, _ in kept]
            result.fingerprints = [p for _, p in kept] if result.fingerprints else []
    result.findings = findings
    threshold = settings.effective_fail_level
    result.failing = sum(1 for f in findings if f.severity >= threshold)
    for finding in findings:
        if finding.fix is None:
            continue
        if finding.fix.safe or options.fix == "unsafe":
            result.fixable += 1
        else:
            result.unsafe_fixable += 1
    if target.kind == "compose":
        from pydocklint.compose.lint import built_dockerfiles

        result.built = built_dockerfiles(result.fixed_text or text, target.path)


def _creates_only(fix, fix_class: str) -> bool:
    """Whether a fix of a class this run applies does nothing but create files."""
    return fix is not None and bool(fix.new_files) and not fix.edits and (fix.safe or fix_class == "unsafe")


def _rules_of(target, rules):
    if target.kind == "compose":
        from pydocklint.compose.lint import compose_rules

        return tuple(compose_rules(rules))
    from pydocklint.engine import dockerfile_rules

    return dockerfile_rules(rules)


def _linter(target, rules, settings, options: RunOptions):
    """The function that lints this file's text with ``rules`` (those of its kind), and the one that says
    a fixed text still parses as well."""
    from pydocklint.fixes import compose_still_valid, dockerfile_still_valid

    if target.kind == "compose":
        from pydocklint.compose.lint import lint_compose

        return (lambda text: lint_compose(text, target.path, rules, settings=settings)), compose_still_valid
    from pydocklint.engine import lint_dockerfile

    # The build context is read from disk: the directory a Compose service names, or the file's own
    # (for stdin: that of --stdin-filename).
    context = "load" if not target.stdin or options.stdin_filename else None

    def lint(text: str):
        return lint_dockerfile(text, target.path, rules, context=context, context_root=target.context_root,
                               settings=settings, fingerprints=options.fingerprinted)

    return lint, dockerfile_still_valid


def _fingerprints(report) -> list[str]:
    """The report's fingerprints; for a linter that does not make them, those of the findings' lines."""
    if len(report.fingerprints) == len(report.findings):
        return report.fingerprints
    from pydocklint.baseline import fingerprint

    lines = report.lines
    return [fingerprint(lines[f.line - 1] if 0 < f.line <= len(lines) else "") for f in report.findings]
