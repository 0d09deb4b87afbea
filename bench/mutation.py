"""Benchmark of the tests themselves: mutation testing (mutmut) of the loader rules, the store and the app.

mutmut makes small changes to the code one at a time (a ``<`` for a ``<=``, a
string emptied, a ``True`` for a ``False`` ...) and runs the tests that cover
the changed function; a mutant the tests fail on is killed, one they pass on
survived (a change of behaviour no test notices, or no change at all).

What is mutated: ``dashboard/loader/*.py`` (the reading rules), ``dashboard/store.py``
and ``dashboard/app.py``. The tests run for each mutant are the fast in-process
ones that cover those modules (``TESTS`` below): no browser, no servers
started per test, so a mutant costs seconds. mutmut keeps only the tests that
ran the mutated function (it records that first) and forks each run from a
warmed-up process.

The command copies the tracked files to a temporary folder (the work tree is
never touched), writes mutmut's configuration there, runs ``mutmut run`` under
``nice -n 19`` for at most ``--minutes`` (default 40; it is CPU-heavy: two
cores for that long), and writes the report, killed and survived per module and
the survivors' diffs, to ``bench/mutation/report.md`` (or ``--report``).
Stopped by the time limit, the report gives the numbers for the mutants
checked so far and says so.

Run: ``python -m bench.mutation [--minutes 40] [--only dashboard/store.py ...] [--jobs 2]``
Not in CI: it takes tens of minutes. Pinned: mutmut 3.8.1 (requirements.txt).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.breakages import copy_tree

ROOT = Path(__file__).resolve().parent.parent
MUTATED = ["dashboard/loader/*.py", "dashboard/store.py", "dashboard/app.py"]
TESTS = ["tests/test_claims.py", "tests/test_places.py", "tests/test_dates.py", "tests/test_lexicon.py",
         "tests/test_literals.py", "tests/test_quantities.py", "tests/test_reading.py", "tests/test_gold.py",
         "tests/test_read.py", "tests/test_store.py", "tests/test_atomicity.py", "tests/test_quality.py",
         "tests/test_figures.py", "tests/test_summary.py",
         # the in-process ones of the app's and the loader's tests (the others start servers or loaders)
         "tests/test_app.py::test_every_callback_names_components_of_the_page",
         "tests/test_app.py::test_the_layout_is_built_once_per_data_version",
         "tests/test_app.py::test_the_app_factory_in_process",
         "tests/test_ingest.py::test_missing_or_impossible_publication_date",
         "tests/test_ingest.py::test_bad_input_loses_nothing_already_stored",
         "tests/test_ingest.py::test_reingesting_the_same_text_adds_nothing",
         "tests/test_ingest.py::test_jsonl_records", "tests/test_ingest.py::test_exports"]
PYTEST_ARGS = ["-p", "no:randomly", "-p", "no:cacheprovider", "-q",
               "-k", "not linear_time"]   # the growth tests take a minute: bench.breakages applies them
DEFAULT_REPORT = ROOT / "bench" / "mutation" / "report.md"


def configuration(tests: list[str], only: list[str]) -> str:
    def toml_list(items):
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"
    return (f"[tool.mutmut]\nsource_paths = [\"dashboard\"]\nonly_mutate = {toml_list(only)}\n"
            f"also_copy = {toml_list(['geodata', 'seeds', 'assets', 'bench', 'tests'])}\n"
            f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}\n"
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
            "timeout_multiplier = 5.0\n")


def results(tree: Path) -> dict[str, str]:
    """mutant name -> status (killed, survived, timeout, no tests, not checked ...), from ``mutmut results``."""
    done = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=tree,
                          capture_output=True, text=True)
    statuses = {}
    for line in done.stdout.splitlines():
        found = re.match(r"\s*(\S+): (.+)$", line)
        if found:
            statuses[found.group(1)] = found.group(2).strip()
    return statuses


def module_of(mutant: str) -> str:
    """'dashboard.loader.claims.x_split__mutmut_3' -> 'dashboard/loader/claims.py'."""
    parts = mutant.split(".")
    for i in range(len(parts), 0, -1):
        candidate = "/".join(parts[:i]) + ".py"
        if (ROOT / candidate).exists():
            return candidate
    return parts[0]


def diff_of(tree: Path, mutant: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mutmut", "show", mutant], cwd=tree, capture_output=True,
                          text=True)
    return done.stdout.strip()


def write_report(path: Path, statuses: dict[str, str], minutes: float, finished: bool, tree: Path,
                 survivor_diffs: int) -> None:
    by_module: dict[str, Counter] = defaultdict(Counter)
    for mutant, status in statuses.items():
        by_module[module_of(mutant)][status] += 1
    checked = lambda c: c["killed"] + c["survived"] + c["timeout"] + c["suspicious"] + c["segfault"]
    killed = lambda c: c["killed"] + c["timeout"] + c["segfault"]
    total = sum(by_module.values(), Counter())
    lines = ["# Mutation testing report (`python -m bench.mutation`)", "",
             f"mutmut 3.8.1 over {', '.join(MUTATED)}; tests per mutant: the in-process ones of "
             f"`bench/mutation.py` TESTS that ran the mutated function. {minutes:.0f} minutes on this machine"
             + ("." if finished else ", stopped by the time limit: the figures are for the mutants checked so "
                "far."), "",
             "Killed: the tests failed (or timed out) on the mutant. Survived: they passed. No tests: no test of "
             "the selection runs that function (it is tested through servers or browsers, or not at all).", "",
             "| module | mutants | checked | killed | survived | no tests | killed of checked |",
             "|---|---|---|---|---|---|---|"]
    for module in sorted(by_module) + ["all"]:
        c = total if module == "all" else by_module[module]
        share = f"{killed(c) / checked(c):.0%}" if checked(c) else "–"
        lines.append(f"| {module} | {sum(c.values())} | {checked(c)} | {killed(c)} | {c['survived']} | "
                     f"{c['no tests']} | {share} |")
    survivors = sorted(m for m, s in statuses.items() if s == "survived")
    lines += ["", f"## Survivors ({len(survivors)}; the first {min(survivor_diffs, len(survivors))} with their "
              "change)", ""]
    for mutant in survivors[:survivor_diffs]:
        lines += [f"### {mutant}", "", "```diff", diff_of(tree, mutant), "```", ""]
    if len(survivors) > survivor_diffs:
        lines += ["Others:", ""] + [f"- {m}" for m in survivors[survivor_diffs:]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=40, help="time limit of the run (default 40)")
    parser.add_argument("--only", nargs="*", default=MUTATED, help="files to mutate (globs)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--survivor-diffs", type=int, default=60, help="survivors shown with their change")
    args = parser.parse_args(argv)
    tree = Path(tempfile.mkdtemp(prefix="mutation-"))
    copy_tree(tree)
    (tree / "pyproject.toml").write_text(configuration(TESTS, args.only), encoding="utf-8")
    print(f"mutating {', '.join(args.only)} in {tree}, at most {args.minutes:g} minutes", flush=True)
    started = time.monotonic()
    log = (tree / "mutmut.log").open("w")
    run = subprocess.Popen(["nice", "-n", "19", sys.executable, "-m", "mutmut", "run", "--max-children",
                            str(args.jobs)], cwd=tree, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    try:
        run.wait(timeout=args.minutes * 60)
        finished = True
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGTERM)   # its own session: mutmut and the children it forked
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
        finished = False
    log.close()
    minutes = (time.monotonic() - started) / 60
    statuses = results(tree)
    if not statuses:
        print((tree / "mutmut.log").read_text(errors="replace")[-3000:])
        print(f"mutmut gave no results; its folder is kept: {tree}")
        return 1
    write_report(args.report, statuses, minutes, finished, tree, args.survivor_diffs)
    print(args.report.read_text(encoding="utf-8").split("## Survivors")[0])
    shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
