"""The store's exports (dashboard/store.py): columns keep the types the event schema gives them."""
import csv
import json
import subprocess
import sys

from tests.servers import ROOT


def test_exported_integer_columns_are_integers(seeded_db, tmp_path):
    """Issue 10.11: geonameid was exported as a float (701822.0), because a column with gaps read as float."""
    csv_path, geojson_path = tmp_path / "e.csv", tmp_path / "e.geojson"
    result = subprocess.run([sys.executable, "-m", "dashboard.loader", "export", "--db", str(seeded_db),
                             "--csv", str(csv_path), "--geojson", str(geojson_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    ids = [r["geonameid"] for r in rows]
    assert "701822" in ids and "" in ids          # Mariupol, and claims with no place
    assert not any(i.endswith(".0") for i in ids)
    assert {r["settlements"] for r in rows} <= {""} | {str(n) for n in range(100_000)}
    features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    values = [f["properties"]["geonameid"] for f in features]
    assert 701822 in values and None in values
    assert all(v is None or type(v) is int for v in values)
