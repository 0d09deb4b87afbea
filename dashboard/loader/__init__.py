"""The loader: articles -> claims -> dated, placed events in SQLite. Never imports Dash or Plotly."""
