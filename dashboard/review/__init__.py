"""Newsroom review: editors confirm, correct or reject claims; readers see the reviewed ones.

- ``identity``: a claim's stable key (article, sentence span, claim), so decisions outlive a re-read.
- ``view``: the effective events of a view (reader / desk / all), from the extraction and the decisions.
- ``records``: the revisions, editors, failed logins and audit trail in the store (SQLAlchemy Core).
- ``corrections``: an editor's form values -> the changed event fields, checked against the gazetteer.
- ``auth``: who may write (editors' sessions, or a trusted proxy's user header), CSRF tokens, lockout.
- ``pages``: the /review page, login, decisions, history, and an article pasted on the page.
"""
