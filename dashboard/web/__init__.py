"""The page: the Dash app, layout, callbacks, the event source, headers, serving (layer: web)."""
