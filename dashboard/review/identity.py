"""A claim's stable identity: the same article, sentence span and claim give the same key on every read.
Defined in ``dashboard.store.rows``, which keys every row it returns; named here for the review's readers.

``event_key(content_hash, start, end, place, n)``: the article's content hash
(SHA-256 of its normalised text, so a re-read of the same text finds it
again), the source sentence's offsets, the place as written (lower case; ``-``
when none) and ``n``, the claim's position among the claims of that sentence
naming that place (0 for the first). Decisions are stored against this key,
not against a row id, so they survive the loader storing an article's events
again, and a rule change that adds a claim about another place in the same
sentence does not move them.
"""

from dashboard.store.rows import event_key, event_keys

__all__ = ["event_key", "event_keys"]
