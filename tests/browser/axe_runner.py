"""axe-core in the page under test: WCAG 2 A and AA rules, read from tests/browser/axe/node_modules.

``.ci/setup`` installs the axe-core version pinned in ``tests/browser/axe/package-lock.json`` (``npm ci``).
The script is injected through WebDriver: no request is made for it, and it is never served to readers.
``violations(driver)`` returns axe's violations in short form: rule id, impact, how many elements, their
selectors and what to fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # the WCAG 2.0 and 2.1 A/AA rule sets


def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is not installed for the accessibility tests: run 'bash .ci/setup'")
    wanted = json.loads((AXE_DIR / "package-lock.json").read_text())["packages"]["node_modules/axe-core"]["version"]
    installed = json.loads((AXE_SCRIPT.parent / "package.json").read_text())["version"]
    if installed != wanted:
        pytest.fail(f"axe-core {installed} installed, the lock file pins {wanted}: run 'bash .ci/setup'")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def violations(driver, source: str) -> list[dict]:
    driver.set_script_timeout(60)
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(source)
    return driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(function (r) {
            done(r.violations.map(function (v) {
              return {id: v.id, impact: v.impact, count: v.nodes.length,
                      targets: v.nodes.map(function (n) { return n.target.join(' '); }),
                      fix: v.nodes[0].failureSummary};
            }));
          }, function (e) { done([{id: 'axe-error', impact: 'error', count: 1, targets: [], fix: String(e)}]); });
        """,
        WCAG_TAGS,
    )


def describe(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}, {v['count']}): {v['targets'][:5]}\n  {v['fix']}" for v in found)
