"""Conflict-map dashboard for newsrooms: territorial claims in news articles, on a map of Ukraine.

Packages by layer (docs/code.md): ``loader`` (articles -> claims -> events), ``store`` (SQLite or PostgreSQL),
``query`` (the index over events, view states), ``render`` (figure, the map in words, the browser's payload),
``review`` (the newsroom's decisions), ``web`` (the Dash app); leaves ``schema``, ``vocabulary``, ``geo``,
``dates``, ``config``; commands ``__main__``, ``cli``, ``export``, ``publish``, ``users``.
Importing this package imports nothing heavy.
"""
