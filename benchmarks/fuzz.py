"""The long fuzz run: the property checks of tests/test_properties.py, many examples per target.

    python benchmarks/fuzz.py                      # 100,000 examples for each of the six targets
    python benchmarks/fuzz.py --examples 2000 --target compose --target shell

The strategies and checks are imported from the tests, so the short CI run and
this one test the same properties. Every example runs, failing or not (the
failures are counted, the first few printed), and a table of target, examples,
failures and seconds ends the run; the exit status is 1 when anything failed.
Not part of the default test run: it takes a long time.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for `tests.…`

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import test_properties as properties  # noqa: E402

# name → (strategy of one example's arguments, the check)
TARGETS = {
    "parser": (st.tuples(properties.dockerfiles), properties.check_parser),
    "variables": (st.tuples(properties.variable_words, properties.variable_envs, properties.escapes),
                  properties.check_variables),
    "shell": (st.tuples(properties.shell_forms, properties.shell_scripts), properties.check_shell),
    "windows-shell": (st.tuples(properties.windows_shells, properties.windows_scripts),
                      properties.check_windows_shell),
    "dockerignore": (st.tuples(properties.ignore_texts, properties.context_paths), properties.check_dockerignore),
    "compose": (st.tuples(properties.compose_texts), properties.check_compose),
    "linter": (st.tuples(properties.linted_dockerfiles), properties.check_linter),
}
SHOWN_FAILURES = 3  # per target


def fuzz(name: str, examples: int, seed: int | None) -> tuple[int, int, float]:
    """Run one target; returns (examples run, failures, seconds)."""
    strategy, check = TARGETS[name]
    counts = {"run": 0, "failed": 0}

    # Generation only: no shrinking, no example database, every example counted. Exceptions are
    # caught here, so that hypothesis goes on to the next example instead of stopping at the first.
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(arguments):
        counts["run"] += 1
        try:
            check(*arguments)
        except Exception:
            counts["failed"] += 1
            if counts["failed"] <= SHOWN_FAILURES:
                print(f"--- {name}: failure on {arguments!r}", file=sys.stderr)
                traceback.print_exc(limit=-3)

    if seed is not None:
        from hypothesis import seed as with_seed

        run = with_seed(seed)(run)
    started = time.perf_counter()
    run()
    return counts["run"], counts["failed"], time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000, help="examples per target (default: 100000)")
    parser.add_argument("--target", action="append", choices=list(TARGETS),
                        help="run only this target (repeatable; default: all)")
    parser.add_argument("--seed", type=int, help="a fixed seed, to repeat a run")
    options = parser.parse_args(argv)
    rows = []
    for name in options.target or list(TARGETS):
        rows.append((name, *fuzz(name, options.examples, options.seed)))
        print(f"{name}: {rows[-1][1]:,} examples, {rows[-1][2]} failures, {rows[-1][3]:.0f} s", file=sys.stderr,
              flush=True)
    print(f"{'target':<14}{'examples':>10}{'failures':>10}{'seconds':>10}")
    for name, run, failed, seconds in rows:
        print(f"{name:<14}{run:>10,}{failed:>10}{seconds:>10.1f}")
    return 1 if any(failed for _, _, failed, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
