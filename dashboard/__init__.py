"""Conflict-map dashboard for newsrooms: territorial claims in news articles, on a map of Ukraine.

Subpackages and modules: ``loader`` (articles -> claims -> events), ``store``
(SQLite), ``geo`` (oblasts and gazetteer), ``figures`` (Plotly figures),
``app``/``layout``/``callbacks`` (Dash), ``export`` (PNG snapshots).
Importing this package imports nothing heavy.
"""
