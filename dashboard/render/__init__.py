"""Drawing: the Plotly figure, palette, the map in words, the browser's payload, PNG text (layer: render)."""
