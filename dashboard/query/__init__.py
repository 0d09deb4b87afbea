"""The query engine: the index over events, the view state, masks and tallies (layer: query)."""
