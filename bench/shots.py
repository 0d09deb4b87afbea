"""``python -m bench.shots``: the screenshots in docs/shots, of a four-year database (6,000 synthetic claims).

Desktop (claimed control, the default over four years, and a 90-day window of claims), phone, the embed at 800x600,
the published page and a PNG export, in headless Chromium against the dashboard's own server and the published
folder served as a static host serves it. Look at them before saying a page change is done.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.browser import chromium, synthetic_database, wait
from dashboard.publish import serving
from tests.servers import dashboard_server

ROOT = Path(__file__).resolve().parent.parent
SETTLED = "return /claims in view/.test((document.getElementById('table-note') || {}).textContent || '')"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "shots")
    parser.add_argument("--claims", type=int, default=6000)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "four-years.db"
        synthetic_database(db, args.claims, span_days=1461)
        driver = chromium()

        def shot(url: str, name: str, width: int, height: int, mobile: bool = False, settle: str | None = SETTLED):
            metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            driver.get(url)
            wait(driver, "return window.__firstMap")
            if settle:
                wait(driver, settle, 60)
            time.sleep(2)  # the clusters and names after the last redraw
            driver.save_screenshot(str(args.out / name))
            print("wrote", args.out / name)

        try:
            with dashboard_server(str(db)) as base:
                shot(base, "desktop.png", 1400, 857)
                shot(base + "?mode=claims&window=recent&days=90", "desktop-claims.png", 1400, 857)
                shot(base + "?embed=1", "embed.png", 800, 600, settle=None)
                shot(base, "phone.png", 390, 757, mobile=True)
            site = Path(tmp) / "site"
            publish = [sys.executable, "-m", "dashboard.publish", "--db", str(db), "--out", str(site)]
            subprocess.run(publish, check=True, cwd=ROOT, capture_output=True)
            server = serving(site)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            shot(f"http://127.0.0.1:{server.server_address[1]}/", "static.png", 1400, 857, settle=None)
            server.shutdown()
        finally:
            driver.quit()
        export = [sys.executable, "-m", "dashboard.export", "--db", str(db), "--out", str(args.out / "export.png")]
        subprocess.run(export, check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
