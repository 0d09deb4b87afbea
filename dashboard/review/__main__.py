"""``python -m dashboard.review export-gold DB --out DIR``: the desk's decisions as an evaluation corpus.

Writes ``DIR/articles/*.txt``, ``DIR/articles/manifest.csv`` and ``DIR/gold_claims.csv`` in the format of
``tests/eval/`` (``dashboard.review.gold``), so ``python -m bench.quality --corpus DIR`` scores the loader on
them, and they can join ``tests/eval/`` after a look.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.review", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export-gold", help="the decisions as articles + gold_claims.csv")
    export.add_argument("db", help="SQLite file or postgresql:// URL")
    export.add_argument("--out", type=Path, required=True, help="folder to write (made if missing)")
    args = parser.parse_args(argv)
    from dashboard.review.gold import desk_decisions, write_corpus
    from dashboard.store.rows import Reader

    reader = Reader(args.db)
    try:
        with reader.engine.connect() as conn:
            decided = desk_decisions(conn)
    finally:
        reader.close()
    if not decided:
        print(f"export-gold: {reader.target} has no decisions yet; nothing written", file=sys.stderr)
        return 1
    count, rows = write_corpus(decided, args.out)
    print(f"wrote {count} articles and {rows} gold rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
