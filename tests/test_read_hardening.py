"""Hostile input files (issue 24 #7, #16, #17): a JSON line nested thousands deep, fields of the wrong type and a
symbolic link in a folder are each refused by name with a message, and everything else is read.
"""

from __future__ import annotations

import json
import os
from datetime import date

from dashboard.loader.read import Article, ArticleProblem, read_path

GOOD = {"text": "Ukrainian forces captured Kupiansk on Saturday, officials said.", "published": "2022-09-11"}


def feed(tmp_path, *lines: str):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return list(read_path(path))


def test_a_deeply_nested_json_line_is_refused_and_the_rest_is_read(tmp_path):
    nested = "[" * 100_000 + "]" * 100_000  # 200 KB nested 100,000 deep
    items = feed(tmp_path, json.dumps(GOOD), nested, json.dumps({**GOOD, "text": GOOD["text"] + " Again."}))
    assert [type(i) for i in items] == [Article, ArticleProblem, Article]
    assert (
        str(items[1]) == f"{tmp_path}/feed.jsonl:2: JSON nested too deeply to be an article (an article is one "
        "flat object)"
    )


def test_fields_of_the_wrong_type_are_refused_by_name(tmp_path):
    items = feed(
        tmp_path,
        json.dumps({**GOOD, "outlet": {"a": 1}}),
        json.dumps({**GOOD, "published": 20220911}),
        json.dumps({**GOOD, "url": ["https://example.org"]}),
        json.dumps({**GOOD, "outlet": None}),
    )
    assert [str(i).split(": ", 1)[1] if isinstance(i, ArticleProblem) else "read" for i in items] == [
        "'outlet' is a dict, not a string",
        "'published' is a int, not a string",
        "'url' is a list, not a string",
        "read",
    ]


def test_a_symbolic_link_in_a_folder_is_refused_unless_asked_for(tmp_path, store):
    from dashboard.loader.ingest import ingest

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD["text"])
    secret = tmp_path / "outside.txt"
    secret.write_text("Russian forces captured Izium, the secret file says.")
    os.symlink(secret, folder / "passwd.txt")
    summary = ingest([folder], store, published=date(2022, 9, 11))
    assert summary.stored_articles == 1
    assert summary.refused == [f"{folder}/passwd.txt: a symbolic link, not read (pass --follow-symlinks to read links)"]
    assert store.rows("SELECT count(*) FROM articles WHERE text LIKE '%secret file%'") == [(0,)]
    assert ingest([folder], store, published=date(2022, 9, 11), follow_symlinks=True).stored_articles == 1
