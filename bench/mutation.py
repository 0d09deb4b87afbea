"""Benchmark of the tests themselves: mutation testing (mutmut) of the loader rules, the store and the app.

mutmut makes small changes to the code one at a time (a ``<`` for a ``<=``, a
string emptied, a ``True`` for a ``False`` ...) and runs the tests that cover
the changed function; a mutant the tests fail on is killed, one they pass on
survived (a change of behaviour no test notices, or no change at all).

What is mutated: ``dashboard/loader/*.py`` (the reading rules), ``dashboard/store/rows.py``
and ``dashboard/web/app.py``. The tests run for each mutant are the fast in-process
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

A whole run takes about two hours on these machines. ``--sample 0.2 --seed 1``
checks a fixed-seed random fifth of each module's mutants instead (drawn per
module, so a module's sample does not depend on which other modules are in
``--only``, and the same seed draws the same mutants as long as the module's
code is unchanged): the names are listed the way ``mutmut run`` makes them
(its own ``mutate_file_contents``, in the temporary copy) and passed to
``mutmut run NAME ...``, which checks only the mutants named. The report then
gives each module's killed share with a 95% Wilson interval and says how big
the sample was.

Run: ``python -m bench.mutation [--minutes 40] [--only dashboard/store/rows.py ...] [--sample 0.2 --seed 1] [--jobs 1]``
Not in CI: it takes tens of minutes. Pinned: mutmut 3.8.1 (requirements.txt).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
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
MUTATED = ["dashboard/loader/*.py", "dashboard/store/rows.py", "dashboard/web/app.py"]
TESTS = [
    "tests/test_claims.py",
    "tests/test_places.py",
    "tests/test_dates.py",
    "tests/test_lexicon.py",
    "tests/test_literals.py",
    "tests/test_quantities.py",
    "tests/test_reading.py",
    "tests/test_gold.py",
    "tests/test_read.py",
    "tests/test_store.py",
    "tests/test_atomicity.py",
    "tests/test_quality.py",
    "tests/test_figures.py",
    "tests/test_summary.py",
    # the in-process ones of the app's and the loader's tests (the others start servers or loaders)
    "tests/test_app.py::test_every_callback_names_components_of_the_page",
    "tests/test_app.py::test_the_layout_is_built_once_per_data_version",
    "tests/test_app.py::test_the_app_factory_in_process",
    "tests/test_ingest.py::test_missing_or_impossible_publication_date",
    "tests/test_ingest.py::test_bad_input_loses_nothing_already_stored",
    "tests/test_ingest.py::test_reingesting_the_same_text_adds_nothing",
    "tests/test_ingest.py::test_jsonl_records",
    "tests/test_ingest.py::test_exports",
    # part B of issue 16's mutation work: the command line, the store, the app and ingest, in-process
    "tests/test_loader_cli.py",
    "tests/test_app_inprocess.py",
    "tests/test_store_mutants.py",
    "tests/test_ingest_mutants.py",
    "tests/test_read_mutants.py",
    # part A: the loader rules' survivors (attribution, sentence ends, each rule's mutants)
    "tests/test_attribution.py",
    "tests/test_speakers.py",
    "tests/test_sentences.py",
    "tests/test_rules_mutants.py",
]
PYTEST_ARGS = [
    "-p",
    "no:randomly",
    "-p",
    "no:cacheprovider",
    "-q",
    "-k",
    "not linear_time",
]  # the growth tests take a minute: bench.breakages applies them
DEFAULT_REPORT = ROOT / "bench" / "mutation" / "report.md"


def configuration(tests: list[str], only: list[str]) -> str:
    def toml_list(items):
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    return (
        f'[tool.mutmut]\nsource_paths = ["dashboard"]\nonly_mutate = {toml_list(only)}\n'
        f"also_copy = {toml_list(['geodata', 'seeds', 'assets', 'bench', 'tests'])}\n"
        f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
        "timeout_multiplier = 5.0\n"
    )


# Run inside the temporary copy (mutmut reads its configuration from the current folder): every mutant's
# name, one a line, as ``mutmut run`` names them (the same calls as its create_mutants_for_file).
LIST_MUTANTS = """
from pathlib import Path
from mutmut.configuration import config
from mutmut.mutation.file_mutation import mutate_file_contents
from mutmut.utils.file_utils import walk_mutatable_files
from mutmut.utils.format_utils import get_mutant_name
assert not config().mutate_only_covered_lines
for path in walk_mutatable_files():
    for name in mutate_file_contents(str(path), path.read_text()).mutant_names:
        print(get_mutant_name(path, name))
"""


def mutant_names(tree: Path) -> list[str]:
    """All the mutants ``mutmut run`` would make in ``tree`` (its pyproject.toml written), by name."""
    done = subprocess.run(
        [sys.executable, "-c", LIST_MUTANTS],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return done.stdout.split()


def sample(names: list[str], fraction: float, seed: int) -> list[str]:
    """A fixed-seed random share of each module's mutants (at least one of each), drawn per module."""
    by_module: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_module[module_of(name)].append(name)
    chosen = []
    for module, members in sorted(by_module.items()):
        size = max(1, math.ceil(fraction * len(members)))
        chosen += random.Random(f"{seed}:{module}").sample(sorted(members), size)
    return sorted(chosen)


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The 95% Wilson score interval of a share ``successes / trials`` (trials > 0)."""
    share = successes / trials
    centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def results(tree: Path) -> dict[str, str]:
    """mutant name -> status (killed, survived, timeout, no tests, not checked ...), from ``mutmut results``."""
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=tree, capture_output=True, text=True
    )
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
    done = subprocess.run([sys.executable, "-m", "mutmut", "show", mutant], cwd=tree, capture_output=True, text=True)
    return done.stdout.strip()


def write_report(
    path: Path,
    statuses: dict[str, str],
    minutes: float,
    finished: bool,
    tree: Path,
    survivor_diffs: int,
    sampled: tuple[float, int, int] | None = None,
) -> None:
    """The report: per module killed, survived, no tests and the killed share; then the survivors' diffs.

    ``sampled``: (fraction, seed, mutants of the modules) when ``statuses`` holds only a sample."""
    by_module: dict[str, Counter] = defaultdict(Counter)
    for mutant, status in statuses.items():
        by_module[module_of(mutant)][status] += 1
    checked = lambda c: c["killed"] + c["survived"] + c["timeout"] + c["suspicious"] + c["segfault"]
    killed = lambda c: c["killed"] + c["timeout"] + c["segfault"]
    total = sum(by_module.values(), Counter())
    what = (
        f"a fixed-seed random sample (`--sample {sampled[0]:g} --seed {sampled[1]}`): {len(statuses)} of the "
        f"{sampled[2]} mutants of these modules, drawn per module"
        if sampled
        else "all their mutants"
    )
    lines = [
        "# Mutation testing report (`python -m bench.mutation`)",
        "",
        f"mutmut 3.8.1 over {', '.join(MUTATED)}; mutants: {what}; tests per mutant: the in-process ones "
        f"of `bench/mutation.py` TESTS that ran the mutated function. {minutes:.0f} minutes on this machine"
        + (
            "."
            if finished
            else ", stopped by the time limit: the figures are for the mutants checked so "
            "far (mutmut checks the fastest first, so those left are the slowest)."
        ),
        "",
        "Killed: the tests failed (or timed out) on the mutant. Survived: they passed. No tests: no test of "
        "the selection runs that function (it is tested through servers or browsers, or not at all). "
        "Killed of checked: killed / (killed + survived), with its 95% Wilson interval"
        + (" (the sample's uncertainty about the module's share)" if sampled else "")
        + "; killed of all: no tests counted as not killed.",
        "",
        f"| module | {'sampled' if sampled else 'mutants'} | checked | killed | survived | no tests | not checked "
        "| killed of checked (95% interval) | killed of all |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for module in sorted(by_module) + ["all"]:
        c = total if module == "all" else by_module[module]
        share = "–"
        if checked(c):
            low, high = wilson(killed(c), checked(c))
            share = f"{killed(c) / checked(c):.0%} ({low:.0%}–{high:.0%})"
        reached = checked(c) + c["no tests"]
        of_all = f"{killed(c) / reached:.0%}" if reached else "–"
        lines.append(
            f"| {module} | {sum(c.values())} | {checked(c)} | {killed(c)} | {c['survived']} | "
            f"{c['no tests']} | {c['not checked']} | {share} | {of_all} |"
        )
    survivors = sorted(m for m, s in statuses.items() if s == "survived")
    lines += [
        "",
        f"## Survivors ({len(survivors)}; the first {min(survivor_diffs, len(survivors))} with their change)",
        "",
    ]
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
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1: the cores are shared)")
    parser.add_argument(
        "--sample",
        type=float,
        metavar="FRACTION",
        help="check only this share (0 to 1) of each module's mutants, drawn at random",
    )
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--survivor-diffs", type=int, default=60, help="survivors shown with their change")
    args = parser.parse_args(argv)
    if args.sample is not None and not 0 < args.sample <= 1:
        parser.error(f"--sample: a share between 0 and 1 (0.2 for a fifth), not {args.sample:g}")
    tree = Path(tempfile.mkdtemp(prefix="mutation-"))
    copy_tree(tree)
    (tree / "pyproject.toml").write_text(configuration(TESTS, args.only), encoding="utf-8")
    names: list[str] = []
    every: list[str] = []
    if args.sample is not None:
        every = mutant_names(tree)
        names = sample(every, args.sample, args.seed)
        print(f"sample of {len(names)} of {len(every)} mutants (--sample {args.sample:g} --seed {args.seed})")
    print(f"mutating {', '.join(args.only)} in {tree}, at most {args.minutes:g} minutes", flush=True)
    started = time.monotonic()
    log = (tree / "mutmut.log").open("w")
    run = subprocess.Popen(
        ["nice", "-n", "19", sys.executable, "-m", "mutmut", "run", "--max-children", str(args.jobs), *names],
        cwd=tree,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        run.wait(timeout=args.minutes * 60)
        finished = True
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGTERM)  # its own session: mutmut and the children it forked
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
        finished = False
    log.close()
    minutes = (time.monotonic() - started) / 60
    statuses = results(tree)
    if names:
        missing = set(names) - set(statuses)
        if missing:  # the names listed here and mutmut's own must agree, or the sample means nothing
            print(
                f"mutmut does not know {len(missing)} of the sampled names, e.g. {sorted(missing)[:3]}; "
                f"its folder is kept: {tree}"
            )
            return 1
        statuses = {name: statuses[name] for name in names}
    if not statuses:
        print((tree / "mutmut.log").read_text(errors="replace")[-3000:])
        print(f"mutmut gave no results; its folder is kept: {tree}")
        return 1
    write_report(
        args.report,
        statuses,
        minutes,
        finished,
        tree,
        args.survivor_diffs,
        (args.sample, args.seed, len(every)) if names else None,
    )
    print(args.report.read_text(encoding="utf-8").split("## Survivors")[0])
    shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
