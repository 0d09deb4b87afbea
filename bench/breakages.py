"""Benchmark of the tests themselves: the 17 breakages of issue 16, re-applied one at a time, must each fail a test.

Each breakage is an edit a reviewer made by hand to see whether the suite
notices (switch a rule off, drop a header, split a transaction ...). This
command copies the tracked files of the work tree to a temporary folder (the
work tree itself is never touched), runs the listed tests there once on the
code as it is (they must pass), then, for each breakage, applies its edit,
runs its tests, and reports whether they failed (caught) or passed (missed),
with the test that failed. The edits are exact text replacements: one that
no longer finds its text says so (the code moved on; re-point the edit).

Run: ``python -m bench.breakages [--only NAME ...] [--keep]``. It runs the
browser tests too (headless Chromium) and takes about ten minutes on two
cores. Exit status 0 when every breakage was caught.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edit:
    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Breakage:
    name: str
    what: str  # the breakage in the words
    edits: tuple[Edit, ...]
    tests: tuple[str, ...]  # pytest node ids (relative to the project) that must fail
    extra: tuple[str, ...] = field(default=())  # pytest options (e.g. -k)


def edit(path, old, new):
    return Edit(path, old, new)


BREAKAGES = [
    Breakage(
        "passive-agent",
        'the passive "by ..." agent rule switched off',
        (edit("dashboard/loader/claims.py", "agent = _AGENT.match(text[t.end:t.end + 60])", "agent = None"),),
        ("tests/test_claims.py",),
    ),
    Breakage(
        "csp-html-only",
        "CSP sent only on HTML responses",
        (
            edit(
                "dashboard/web/headers.py",
                '        response.headers["Content-Security-Policy"] = policy\n',
                '        if response.mimetype == "text/html":\n'
                '            response.headers["Content-Security-Policy"] = policy\n',
            ),
        ),
        ("tests/test_app.py",),
        ("-k", "csp or headers"),
    ),
    Breakage(
        "no-nosniff",
        "X-Content-Type-Options removed",
        (edit("dashboard/web/headers.py", '        response.headers["X-Content-Type-Options"] = "nosniff"\n', ""),),
        ("tests/test_app.py",),
        ("-k", "csp or headers"),
    ),
    Breakage(
        "no-url-check",
        "the http(s) URL check removed (javascript: links)",
        (
            edit("dashboard/web/callbacks.py", '"url": r.url if is_web_url(r.url) else ""', '"url": r.url'),
            edit("assets/dashAgGridComponentFunctions.js", "!/^https?:\\/\\/[^\\s]+$/i.test(url)", "!url"),
        ),
        ("tests/browser/test_reader_sees.py",),
    ),
    Breakage(
        "no-url-check-server",
        "the http(s) URL check removed on the server (the browser's check kept)",
        (edit("dashboard/web/callbacks.py", '"url": r.url if is_web_url(r.url) else ""', '"url": r.url'),),
        ("tests/test_app.py",),
        ("-k", "links"),
    ),
    Breakage(
        "attribution-unescaped",
        "the attribution not escaped in hover text",
        (
            edit(
                "dashboard/render/figure.py",
                "{html.escape(row.attribution or 'not stated')}",
                "{row.attribution or 'not stated'}",
            ),
        ),
        ("tests/test_figures.py", "tests/browser/test_reader_sees.py"),
    ),
    Breakage(
        "attribution-unescaped-browser",
        "the attribution not escaped in the browser's hover text (view.js)",
        (edit("assets/view.js", '"<br>Said by: " + escapeHtml(said) +', '"<br>Said by: " + said +'),),
        ("tests/browser/test_reader_sees.py",),
    ),
    Breakage(
        "two-transactions",
        "an article and its events written in two transactions",
        (
            edit(
                "dashboard/store/rows.py",
                "            if article_id is None:   # stored before, or by another loader that committed first\n"
                "                return None\n",
                "            if article_id is None:   # stored before, or by another loader that committed first\n"
                "                return None\n"
                "        with self.engine.begin() as conn:\n",
            ),
        ),
        ("tests/test_atomicity.py",),
    ),
    Breakage(
        "no-transaction",
        "an article and its events written with no transaction (each statement its own)",
        (
            edit(
                "dashboard/store/rows.py",
                "            if article_id is None:   # stored before, or by another loader that committed first\n"
                "                return None\n",
                "            if article_id is None:   # stored before, or by another loader that committed first\n"
                "                return None\n"
                "            conn.commit()   # each statement committed on its own\n",
            ),
        ),
        ("tests/test_atomicity.py",),
    ),
    Breakage(
        "quadratic-places",
        "place lookup made quadratic",
        (
            edit(
                "dashboard/loader/extract.py",
                "before = bisect.bisect_right(mention_offsets, claim.sentence.start) - 1",
                "before = sum(1 for offset in mention_offsets if offset <= claim.sentence.start) - 1",
            ),
        ),
        ("tests/test_reading.py",),
        ("-k", "linear and region"),
    ),
    Breakage(
        "png-bare",
        "PNG export without title, legend and colour bar",
        (
            edit(
                "dashboard/export.py",
                "    figure.update_layout(width=width, height=height)\n",
                "    figure.update_layout(width=width, height=height, title_text='', showlegend=False)\n"
                "    figure.update_traces(showscale=False, selector=dict(type='choropleth'))\n",
            ),
        ),
        ("tests/test_export.py",),
        ("-k", "title or colour_bar"),
    ),
    Breakage(
        "embed-ignored",
        "--embed ignored by the PNG export",
        (edit("dashboard/export.py", "    state = replace(state, embed=args.embed or state.embed)\n", ""),),
        ("tests/test_export.py",),
        ("-k", "embed"),
    ),
    Breakage(
        "gunicorn-no-seeds",
        "gunicorn start not loading the seeds",
        (
            edit(
                "dashboard/web/app.py",
                "        settings = Settings()\n        ensure_seeded(settings)\n",
                "        settings = Settings()\n",
            ),
        ),
        ("tests/test_app.py",),
        ("-k", "gunicorn"),
    ),
    Breakage(
        "no-reload",
        "no reload when the database changes",
        (
            edit(
                "dashboard/web/source.py",
                "        if stamp != self._stamp or self._index is None:\n            # under a stream",
                "        if self._index is None:\n            # under a stream",
            ),
        ),
        ("tests/test_app.py",),
        ("-k", "reload or without_a_restart or corrupt"),
    ),
    Breakage(
        "frame-ancestors-ignored",
        "--frame-ancestors ignored",
        (
            edit(
                "dashboard/__main__.py",
                "settings.frame_ancestors, settings.seeds_dir = args.frame_ancestors, args.seeds",
                "settings.seeds_dir = args.seeds",
            ),
        ),
        ("tests/test_app.py",),
        ("-k", "csp or frame"),
    ),
    Breakage(
        "published-time-ignored",
        "an HTML page's article:published_time ignored",
        (
            edit(
                "dashboard/loader/read.py",
                "        published = find_date(markup,",
                "        published = ''\n        find_date(markup,",
            ),
        ),
        ("tests/test_read.py",),
    ),
    Breakage(
        "future-date-accepted",
        "a future publication date accepted",
        (edit("dashboard/loader/read.py", "    if published > date.today():\n", "    if published > date.max:\n"),),
        ("tests/test_read.py",),
    ),
    Breakage(
        "table-ignores-confirmed",
        'the table ignoring "hide unconfirmed"',
        (
            edit(
                "dashboard/web/callbacks.py",
                "rows = np.flatnonzero(index.mask(state, with_oblast=True))[::-1]",
                "rows = np.flatnonzero(index.mask(ViewState(**{**state.__dict__, 'confirmed_only': False}), "
                "with_oblast=True))[::-1]",
            ),
        ),
        ("tests/browser/test_reader_sees.py",),
    ),
    Breakage(
        "table-oldest-first",
        "the table listing oldest first (the server's order)",
        (
            edit(
                "dashboard/web/callbacks.py",
                "rows = np.flatnonzero(index.mask(state, with_oblast=True))[::-1]",
                "rows = np.flatnonzero(index.mask(state, with_oblast=True))",
            ),
        ),
        ("tests/browser/test_reader_sees.py",),
    ),
    Breakage(
        "table-sorted-ascending",
        "the table listing oldest first (the grid's sort)",
        (
            edit(
                "dashboard/web/layout.py",
                '"headerName": "Date", "width": 118, "sort": "desc"',
                '"headerName": "Date", "width": 118, "sort": "asc"',
            ),
        ),
        ("tests/browser/test_reader_sees.py",),
    ),
]


# Issue 24, second pass: the promises of README.md, docs/review.md, docs/deployment.md (the publish) and
# docs/page.md (the browser twin), each with the one-line slip that would break it.
BREAKAGES += [
    Breakage(
        "desk-view-for-anyone",
        "?view=desk given to anyone, not only a signed-in editor",
        (
            edit(
                "dashboard/web/callbacks.py",
                "            if editing is None or editing.editor() is None:\n",
                "            if editing is None:\n",
            ),
        ),
        ("tests/test_guarantees.py",),
        ("-k", "desk_view"),
    ),
    Breakage(
        "desk-view-in-embed",
        "the desk's view in embed mode (embed is for readers)",
        (edit("dashboard/review/view.py", "    if requested == DESK and not embed:\n", "    if requested == DESK:\n"),),
        ("tests/test_review.py",),
    ),
    Breakage(
        "corrected-not-published",
        "corrected claims left out of the reader's view",
        (
            edit(
                "dashboard/review/view.py",
                'PUBLISHED_STATES = ("confirmed", "corrected", "added")',
                'PUBLISHED_STATES = ("confirmed", "added")',
            ),
        ),
        ("tests/test_review.py",),
    ),
    Breakage(
        "added-not-published",
        "claims an editor added left out of the reader's view",
        (
            edit(
                "dashboard/review/view.py",
                'PUBLISHED_STATES = ("confirmed", "corrected", "added")',
                'PUBLISHED_STATES = ("confirmed", "corrected")',
            ),
        ),
        ("tests/test_desk_http.py",),
        ("-k", "adds_a_claim"),
    ),
    Breakage(
        "correction-not-applied",
        "the reader's view showing the extraction's values, not the corrected ones",
        (edit("dashboard/review/view.py", "                rows.append(position)\n", "                continue\n"),),
        ("tests/test_review.py",),
    ),
    Breakage(
        "oldest-decision-shown",
        "the oldest decision on a claim shown instead of the latest",
        (
            edit(
                "dashboard/store/rows.py",
                "select(revisions.c.event_key, func.max(revisions.c.id).label",
                "select(revisions.c.event_key, func.min(revisions.c.id).label",
            ),
        ),
        ("tests/test_review.py",),
    ),
    Breakage(
        "reread-differs-unflagged",
        "a re-read that disagrees with a decision not flagged",
        (
            edit(
                "dashboard/review/view.py",
                "                    flags[position] = REREAD_DIFFERS\n",
                "                    pass\n",
            ),
        ),
        ("tests/test_review.py",),
    ),
    Breakage(
        "decide-without-csrf",
        "a decision stored without the session's CSRF token",
        (
            edit(
                "dashboard/review/pages.py",
                "        editor = require_editor()\n        check_csrf()\n        form = flask.request.form\n"
                "        event_id, decision",
                "        editor = require_editor()\n        form = flask.request.form\n        event_id, decision",
            ),
        ),
        ("tests/test_review_http.py",),
        ("-k", "csrf"),
    ),
    Breakage(
        "contradicted-same-day",
        "a claim contradicted by the other side's claim of the same day not marked",
        (
            edit(
                "dashboard/review/places.py",
                ".fillna(-never).to_numpy(np.int64) >= ends",
                ".fillna(-never).to_numpy(np.int64) > ends",
            ),
        ),
        ("tests/test_desk_queue.py",),
        ("-k", "contradict"),
    ),
    Breakage(
        "lock-after-six",
        "the login lock after 6 failures instead of 5",
        (edit("dashboard/review/auth.py", "FREE_FAILURES = 5 ", "FREE_FAILURES = 6 "),),
        ("tests/test_users.py", "tests/test_sessions.py"),
        ("-k", "lock"),
    ),
    Breakage(
        "disable-keeps-sessions",
        "disabling an account leaving its sessions open",
        (edit("dashboard/review/records.py", "        if disabled:\n            end_sessions(conn, name)\n", ""),),
        ("tests/test_sessions.py",),
        ("-k", "disabled"),
    ),
    Breakage(
        "export-desk-by-default",
        "loader export with review on writing every claim by default",
        (
            edit(
                "dashboard/loader/__main__.py",
                'default="reader" if settings.review else "all",',
                'default="all",',
            ),
        ),
        ("tests/test_review.py", "tests/test_loader_cli.py"),
        ("-k", "export"),
    ),
    Breakage(
        "publish-to-exclusive",
        "the static publish leaving out the claims of its --to day",
        (
            edit(
                "dashboard/publish.py",
                '        keep &= frame["date_end"] <= last\n',
                '        keep &= frame["date_end"] < last\n',
            ),
        ),
        ("tests/test_publish_review.py",),
    ),
    Breakage(
        "publish-from-exclusive",
        "the static publish leaving out the claims of its --from day",
        (
            edit(
                "dashboard/publish.py",
                '        keep &= frame["date_end"] >= first\n',
                '        keep &= frame["date_end"] > first\n',
            ),
        ),
        ("tests/test_publish_review.py",),
    ),
    Breakage(
        "twin-contested-boundary",
        "the browser's 'contested' window one day narrower than the server's",
        (
            edit(
                "assets/view.js",
                "Math.abs(p.day[ua] - p.day[ru]) <= s.contested",
                "Math.abs(p.day[ua] - p.day[ru]) < s.contested",
            ),
        ),
        ("tests/test_view_twin.py",),
    ),
    Breakage(
        "twin-fit-keeps-unconfirmed",
        "the browser's fit to the claims counting claims 'hide unconfirmed' hides",
        (
            edit(
                "assets/view.js",
                "      if (s.confirmed && (p.flags[i] & 1)) { continue; }\n"
                "      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }\n"
                "      if (saidOk && !saidOk[p.claimant[i]]) { continue; }\n"
                "      var x = c.slot_lon[slot]",
                "      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }\n"
                "      if (saidOk && !saidOk[p.claimant[i]]) { continue; }\n"
                "      var x = c.slot_lon[slot]",
            ),
        ),
        ("tests/test_view_twin.py",),
    ),
    Breakage(
        "twin-fit-keeps-russia",
        "the browser's fit to the claims counting Russia's regions with country=UA",
        (
            edit(
                "assets/view.js",
                "      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }\n"
                "      if (saidOk && !saidOk[p.claimant[i]]) { continue; }\n"
                "      var x = c.slot_lon[slot]",
                "      if (saidOk && !saidOk[p.claimant[i]]) { continue; }\n      var x = c.slot_lon[slot]",
            ),
        ),
        ("tests/test_view_twin.py",),
    ),
    Breakage(
        "twin-doubtful-solid",
        "the browser drawing an unconfirmed or hedged claim's marker filled",
        (edit("assets/view.js", 'm.symbol.push(doubtful ? symbol + "-open" : symbol);', "m.symbol.push(symbol);"),),
        ("tests/test_view_twin.py",),
    ),
    Breakage(
        "twin-control-hedged-solid",
        "the browser's map of who holds each place drawing a hedged holder filled",
        (
            edit(
                "assets/view.js",
                'm.symbol.push(hedged ? symbol + "-open" : symbol);',
                "m.symbol.push(symbol);",
            ),
        ),
        ("tests/test_view_twin.py",),
    ),
    Breakage(
        "publish-absolute-paths",
        "the published page's script and style paths left absolute (the folder then works at the host's root only)",
        (edit("dashboard/publish.py", '    index = _ROOT_URL.sub(r"\\1./", index)\n', ""),),
        ("tests/test_publish_review.py",),
        ("-k", "from_and_to"),
    ),
    Breakage(
        "publish-no-credits",
        "the static publish without the map data's sources and licences (CREDITS-geodata.md)",
        (
            edit(
                "dashboard/publish.py",
                'LICENCES = {"CREDITS-geodata.md": PROJECT_ROOT / "geodata" / "SOURCES.md"}',
                "LICENCES: dict = {}",
            ),
        ),
        ("tests/test_publish_review.py",),
        ("-k", "from_and_to"),
    ),
    Breakage(
        "reread-replaces-added",
        "--reread deleting the claims editors added",
        (
            edit(
                "dashboard/store/rows.py",
                'events_table.delete().where(events_table.c.article_id == article_id, events_table.c.added_by == "")',
                "events_table.delete().where(events_table.c.article_id == article_id)",
            ),
        ),
        ("tests/test_desk_http.py", "tests/test_store.py"),
        ("-k", "reread or adds"),
    ),
    Breakage(
        "queue-shows-all-by-default",
        "the review queue listing every claim by default instead of the new ones",
        (
            edit(
                "dashboard/review/pages.py",
                '    state = args.get("state", "new")\n',
                '    state = args.get("state", "all")\n',
            ),
        ),
        ("tests/test_desk_queue.py", "tests/test_review_http.py"),
    ),
    Breakage(
        "decision-never-reaches-readers",
        "a worker never rebuilding its views after a write once it has some (the background rebuild not started)",
        (
            edit(
                "dashboard/web/source.py",
                "                self._rebuild_in_background(stamp)\n",
                "                pass\n",
            ),
        ),
        ("tests/test_decision_reach.py",),
        ("-k", "sqlite"),
    ),
]


def copy_tree(target: Path) -> None:
    """The tracked files of the work tree as they are now (edited or not), plus installed test helpers."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, names.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    axe = ROOT / "tests" / "browser" / "axe" / "node_modules"
    if axe.is_dir():
        (target / "tests" / "browser" / "axe" / "node_modules").symlink_to(axe)


def run_tests(tree: Path, tests: tuple[str, ...], extra: tuple[str, ...]) -> tuple[bool, str, float]:
    """(passed, the first failing test or the last line, seconds)."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *extra, *tests],
        cwd=tree,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    seconds = time.monotonic() - started
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", result.stdout, re.MULTILINE)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return result.returncode == 0, (failed[0] if failed else (lines[-1] if lines else result.stderr[-300:])), seconds


def apply(tree: Path, breakage: Breakage) -> str | None:
    """Apply the edits; a message when one no longer finds its text exactly once."""
    for e in breakage.edits:
        path = tree / e.path
        text = path.read_text(encoding="utf-8")
        if text.count(e.old) != 1:
            return f"{e.path}: the text to replace is found {text.count(e.old)} times (re-point the edit)"
        path.write_text(text.replace(e.old, e.new), encoding="utf-8")
    return None


def restore(tree: Path, breakage: Breakage) -> None:
    for e in breakage.edits:
        shutil.copy2(ROOT / e.path, tree / e.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.breakages", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names of the breakages to apply (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy (its path is printed)")
    args = parser.parse_args(argv)
    chosen = [b for b in BREAKAGES if not args.only or b.name in args.only]
    tree = Path(tempfile.mkdtemp(prefix="breakages-"))
    copy_tree(tree)
    print(f"copy of the work tree: {tree}", flush=True)
    caught = 0
    rows = []
    baseline: dict[tuple, tuple[bool, str, float]] = {}  # the unbroken code's result, once per set of tests
    try:
        for breakage in chosen:
            key = (breakage.tests, breakage.extra)
            if key not in baseline:
                baseline[key] = run_tests(tree, breakage.tests, breakage.extra)
            passed, detail, seconds = baseline[key]
            if not passed:
                rows.append((breakage.name, "TESTS FAIL UNBROKEN", detail, seconds))
                print(f"{breakage.name}: the tests fail on the unbroken code: {detail}", flush=True)
                continue
            problem = apply(tree, breakage)
            if problem:
                rows.append((breakage.name, "NOT APPLIED", problem, 0.0))
                print(f"{breakage.name}: {problem}", flush=True)
                continue
            try:
                passed, detail, seconds = run_tests(tree, breakage.tests, breakage.extra)
            finally:
                restore(tree, breakage)
            verdict = "missed" if passed else "caught"
            caught += not passed
            rows.append((breakage.name, verdict, detail if not passed else "", seconds))
            print(f"{breakage.name}: {verdict} {detail if not passed else ''} ({seconds:.0f} s)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tree, ignore_errors=True)
    print(f"\n{caught} of {len(chosen)} breakages caught\n")
    print("| breakage | what | verdict | first failing test |")
    print("|---|---|---|---|")
    whats = {b.name: b.what for b in BREAKAGES}
    for name, verdict, detail, _ in rows:
        print(f"| {name} | {whats[name]} | {verdict} | {detail} |")
    return 0 if caught == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
