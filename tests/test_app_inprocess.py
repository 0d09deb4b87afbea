"""The app factory's other promises, in-process (Flask's test client: real WSGI requests, no sockets): the static
publish's page, the review's session cookies, loading the seeds on first start, and gunicorn's ``server``.

tests/test_app.py checks these through servers in other processes, which a mutation run (``bench/mutation.py``)
does not see; tests/test_app.py::test_the_app_factory_in_process checks the prefix, headers and health. Expected
values from the settings given here and README's words.
"""

import io
import json
import re
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from dashboard.config import Settings
from dashboard.loader.ingest import ingest
from dashboard.store.rows import Store
from dashboard.web.app import create_app, ensure_seeded
from tests.test_app import read_only_folder

CLAIM = "Ukrainian forces captured Lyman on Sunday, the defence ministry said."
PASSWORD = "correct horse battery staple"


def seeds(folder):
    """A seed folder of one article (one claim) with its manifest."""
    folder.mkdir()
    (folder / "lyman.txt").write_text(CLAIM, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published,outlet,url\nlyman.txt,2022-10-03,Desk,https://example.org/l\n", encoding="utf-8"
    )
    return folder


def article_count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def find_key(tree, key):
    """The first value of ``key`` anywhere in a JSON tree (the page's layout)."""
    if isinstance(tree, dict):
        if key in tree:
            return tree[key]
        tree = list(tree.values())
    if isinstance(tree, list):
        for item in tree:
            found = find_key(item, key)
            if found is not None:
                return found
    return None


@pytest.mark.parametrize(
    "static, embed, class_name, topojson, server_callbacks",
    [
        (False, False, "page", "/maps/assets/topojson/", True),
        (True, False, "page static", "./assets/topojson/", False),  # the publish: no server, paths relative to it
        (True, True, "page embed static", "./assets/topojson/", False),
    ],
)
def test_the_static_publishs_page_has_relative_paths_and_only_browser_callbacks(
    seeded_db, tmp_path, static, embed, class_name, topojson, server_callbacks
):
    settings = Settings(db=str(seeded_db), prefix="/maps/", reload_seconds=0, seeds_dir=tmp_path)
    client = create_app(settings, static=static, embed=embed).server.test_client()
    layout = client.get("/maps/_dash-layout").get_json()
    assert layout["props"]["className"] == class_name
    assert find_key(layout, "topojsonURL") == topojson
    dependencies = client.get("/maps/_dash-dependencies").get_json()
    on_the_server = [d["output"] for d in dependencies if not d.get("clientside_function")]
    assert bool(on_the_server) == server_callbacks, on_the_server
    assert any((d.get("clientside_function") or {}).get("function_name") == "drawView" for d in dependencies)


@pytest.fixture
def review_db(seeded_db, tmp_path, monkeypatch):
    """A copy of the seeded database with one editor, alice (added with the users command, in-process)."""
    from dashboard.users import main as users

    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert users(["add", "alice", "--db", str(db)]) == 0
    return db


def test_review_sessions_are_signed_http_only_cookies_under_the_prefix_that_expire(review_db, tmp_path):
    secret = tmp_path / "keys" / "secret-key"
    secret.parent.mkdir()
    settings = Settings(
        db=str(review_db),
        prefix="/maps/",
        reload_seconds=0,
        seeds_dir=tmp_path,
        review=True,
        secret_file=secret,
        session_minutes=30,
        trusted_proxies=(),
        max_article_bytes=100,
    )
    client = create_app(settings).server.test_client()
    login = client.get("/maps/review/login")
    assert login.status_code == 200 and "csrf_token" in login.get_data(as_text=True)
    assert secret.is_file() and len(secret.read_text().strip()) >= 32  # the signing key, made on first use
    cookie = login.headers["Set-Cookie"]
    parts = [p.strip() for p in cookie.split(";")]
    assert parts[0].startswith("conflict_map_session=")
    assert {"HttpOnly", "Path=/maps/", "SameSite=Lax"} <= set(parts)
    token = login.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    before = datetime.now(UTC)
    answer = client.post("/maps/review/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/maps/review")
    expires = next(p for p in answer.headers["Set-Cookie"].split(";") if p.strip().startswith("Expires="))
    lasts = parsedate_to_datetime(expires.split("=", 1)[1]) - before
    assert timedelta(minutes=30, seconds=-2) < lasts < timedelta(minutes=30, seconds=30)  # session_minutes=30
    page = client.get("/maps/review")
    assert page.status_code == 200 and 'id="editor-name">alice<' in page.get_data(as_text=True)
    # the pasted article's limit is the settings' (max_article_bytes=100 here)
    form = client.get("/maps/review/article").get_data(as_text=True)
    csrf = form.split('name="csrf_token" value="')[1].split('"')[0]
    too_long = client.post(
        "/maps/review/article",
        data={"csrf_token": csrf, "text": CLAIM * 2, "published": "2022-10-03", "outlet": "", "url": ""},
    )
    assert too_long.status_code == 400 and "text above the limit of 0.0 MB" in too_long.get_data(as_text=True)
    # another app with the same key file reads the same cookie: the key is the file's, not a new one each start
    again = create_app(settings).server.test_client()
    again.set_cookie(
        "conflict_map_session", client.get_cookie("conflict_map_session", path="/maps/").value, path="/maps/"
    )
    assert 'id="editor-name">alice<' in again.get("/maps/review").get_data(as_text=True)


def test_without_review_there_is_no_review_page_and_no_key(seeded_db, tmp_path):
    settings = Settings(
        db=str(seeded_db),
        prefix="/",
        reload_seconds=0,
        seeds_dir=tmp_path,
        review=False,
        secret_file=tmp_path / "secret-key",
    )
    client = create_app(settings).server.test_client()
    assert 'name="csrf_token"' not in client.get("/review/login").get_data(as_text=True)  # Dash's page instead
    assert client.post("/review/decide", data={}).status_code == 405
    assert not (tmp_path / "secret-key").exists()


def test_first_start_loads_the_seeds_once(tmp_path, capsys):
    db = tmp_path / "data" / "events.db"  # its folder does not exist yet: made by the store
    settings = Settings(db=str(db), seeds_dir=seeds(tmp_path / "seeds"))
    ensure_seeded(settings)
    assert capsys.readouterr().out == f"loaded seed articles into {db}: 1 articles, 1 events\n"
    assert article_count(db) == 1
    ensure_seeded(settings)  # articles there: nothing to do
    assert capsys.readouterr() == ("", "")
    assert article_count(db) == 1


def test_an_empty_database_gets_the_seeds_too(tmp_path, capsys):
    db = tmp_path / "events.db"
    Store(db).close()  # the tables, no articles
    ensure_seeded(Settings(db=str(db), seeds_dir=seeds(tmp_path / "seeds")))
    assert capsys.readouterr().out == f"loaded seed articles into {db}: 1 articles, 1 events\n"
    assert article_count(db) == 1


def test_no_seed_folder_no_database(tmp_path, capsys):
    db = tmp_path / "events.db"
    ensure_seeded(Settings(db=str(db), seeds_dir=tmp_path / "no-seeds"))
    assert not db.exists() and capsys.readouterr() == ("", "")


def test_a_database_that_cannot_be_read_is_left_as_it_is_and_said(tmp_path, capsys):
    db = tmp_path / "events.db"
    db.write_bytes(b"this is not a SQLite database, " * 200)
    ensure_seeded(Settings(db=str(db), seeds_dir=seeds(tmp_path / "seeds")))
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"dashboard: database {db} cannot be read (") and err.endswith(
        "); not loading the seed articles\n"
    )
    assert db.read_bytes() == b"this is not a SQLite database, " * 200


def test_seeds_that_cannot_be_stored_are_said_and_the_start_goes_on(tmp_path, capsys):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    db = tmp_path / "a-file" / "events.db"  # its "folder" is a file: the store cannot be made
    ensure_seeded(Settings(db=str(db), seeds_dir=seeds(tmp_path / "seeds")))
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"dashboard: could not load the seed articles into {db} ([Errno 17] File exists: '{tmp_path / 'a-file'}')\n"
    )


def test_a_missing_database_in_a_folder_that_cannot_be_written_is_said(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    source = seeds(tmp_path / "seeds")
    with read_only_folder(folder):
        ensure_seeded(Settings(db=str(folder / "sub" / "events.db"), seeds_dir=source))
    out, err = capsys.readouterr()
    assert out == "" and not (folder / "sub").exists()
    assert err == (
        f"dashboard: database {folder / 'sub' / 'events.db'} does not exist, and {folder} cannot be "
        f"written to create it: the page shows no claims until the loader writes it "
        f"(python -m dashboard.loader ingest ARTICLES --db {folder / 'sub' / 'events.db'})\n"
    )


def test_an_empty_database_that_cannot_be_written_is_left_quietly(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "events.db"
    Store(db).close()
    source = seeds(tmp_path / "seeds")
    with read_only_folder(folder):
        ensure_seeded(Settings(db=str(db), seeds_dir=source))
    assert capsys.readouterr() == ("", "")  # it exists: the page says it has no claims
    assert article_count(db) == 0


def test_gunicorns_server_is_built_from_the_environment_with_the_seeds(tmp_path, monkeypatch, capsys):
    import dashboard.web.app

    db = tmp_path / "events.db"
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    monkeypatch.setenv("CONFLICT_MAP_SEEDS", str(seeds(tmp_path / "seeds")))
    monkeypatch.setenv("CONFLICT_MAP_PREFIX", "/gunicorn/")
    monkeypatch.delenv("CONFLICT_MAP_REVIEW", raising=False)
    server = dashboard.web.app.server
    assert article_count(db) == 1
    assert "loaded seed articles" in capsys.readouterr().out
    health = server.test_client().get("/gunicorn/health")
    assert health.status_code == 200 and health.get_json()["articles"] == 1
    with pytest.raises(AttributeError, match="^servers$"):
        dashboard.web.app.servers  # noqa: B018 (the attribute read is the test)


def test_the_page_loads_its_own_scripts_and_styles_and_fits_a_phone(seeded_db, tmp_path):
    settings = Settings(db=str(seeded_db), prefix="/maps/", reload_seconds=0, seeds_dir=tmp_path)
    client = create_app(settings).server.test_client()
    html = client.get("/maps/").get_data(as_text=True)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    for asset in ("conflict_map.js", "view.js", "style.css"):  # files in assets/, served by the app itself
        found = re.search(rf'"(/maps/assets/{re.escape(asset)}\?m=[0-9.]+)"', html)
        assert found, asset
        assert client.get(found[1]).status_code == 200


def layout_text(client, prefix="/") -> str:
    return json.dumps(client.get(f"{prefix}_dash-layout").get_json(), ensure_ascii=False)


def one_claim_db(tmp_path):
    db = tmp_path / "events.db"
    with Store(db) as store:
        ingest([seeds(tmp_path / "seeds")], store)
    return db


def test_with_review_on_the_page_shows_readers_only_confirmed_claims(tmp_path):
    db = one_claim_db(tmp_path)  # one claim, about Lyman, that no editor has confirmed
    plain = create_app(Settings(db=str(db), reload_seconds=0, seeds_dir=tmp_path)).server.test_client()
    assert "Lyman" in layout_text(plain)
    review = create_app(
        Settings(db=str(db), reload_seconds=0, seeds_dir=tmp_path, review=True, secret_file=tmp_path / "secret-key")
    ).server.test_client()
    assert "Lyman" not in layout_text(review)


def test_the_page_shows_a_new_article_as_soon_as_the_reload_interval_allows(tmp_path):
    db = one_claim_db(tmp_path)
    every_request = create_app(Settings(db=str(db), reload_seconds=0, seeds_dir=tmp_path)).server.test_client()
    hourly = create_app(Settings(db=str(db), reload_seconds=3600, seeds_dir=tmp_path)).server.test_client()
    assert "Izium" not in layout_text(every_request) and "Izium" not in layout_text(hourly)
    (tmp_path / "izium.txt").write_text("Ukrainian forces recaptured Izium on Saturday.", encoding="utf-8")
    with Store(db) as store:
        ingest([tmp_path / "izium.txt"], store, published=date(2022, 9, 11))
    assert "Izium" in layout_text(every_request)  # reload_seconds=0: the database checked on every request
    assert "Izium" not in layout_text(hourly)  # within the hour: the data read last
    assert hourly.get("/health").get_json()["articles"] == 2  # health always checks
