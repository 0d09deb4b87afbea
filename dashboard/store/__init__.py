"""The store: SQLite or PostgreSQL tables, migrations, writer and reader, CSV/GeoJSON (layer: store)."""
