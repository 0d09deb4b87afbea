"""A claim's stable identity: the same article, sentence span and claim give the same key on every read.

``event_key(content_hash, start, end, place, n)``: the article's content hash
(SHA-256 of its normalised text, so a re-read of the same text finds it
again), the source sentence's offsets, the place as written (lower case; ``-``
when none) and ``n``, the claim's position among the claims of that sentence
naming that place (0 for the first). Decisions are stored against this key,
not against a row id, so they survive the loader storing an article's events
again, and a rule change that adds a claim about another place in the same
sentence does not move them.

A claim an editor added (``added_by`` not empty) is keyed by its row instead of ``n``
(``...:ed<id>``): its row is never replaced by a re-read, and its key never meets a loader's claim's.
"""
from __future__ import annotations

import pandas as pd


def event_key(content_hash: str, start: int, end: int, place: str | None, n: int) -> str:
    place_part = (place or "").strip().lower() or "-"
    return f"{content_hash[:24]}:{int(start)}-{int(end)}:{place_part}:{int(n)}"


def event_keys(frame: pd.DataFrame) -> pd.Series:
    """Keys for the rows of an event frame with ``content_hash``, ``sentence_start``, ``sentence_end``,
    ``place_as_written`` and ``id`` (the loader's order within an article)."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    place = frame["place_as_written"].astype(object).where(frame["place_as_written"].notna(), "")
    place = place.map(lambda p: str(p).strip().lower() or "-")
    order = frame.assign(_place=place).sort_values("id", kind="stable")
    added = frame["added_by"].fillna("").astype(str) != "" if "added_by" in frame else \
        pd.Series(False, index=frame.index)
    if added.any():
        order = order[~added.reindex(order.index)]
    n = order.groupby(["content_hash", "sentence_start", "sentence_end", "_place"], sort=False).cumcount()
    n = n.reindex(frame.index)
    keys = [event_key(h, s, e, p, 0 if a else k) for h, s, e, p, k, a in
            zip(frame["content_hash"], frame["sentence_start"], frame["sentence_end"], place, n.fillna(0), added)]
    if added.any():
        keys = [k.rsplit(":", 1)[0] + f":ed{int(i)}" if a else k for k, i, a in zip(keys, frame["id"], added)]
    return pd.Series(keys, index=frame.index, dtype=object)
