"""Benchmarks: each prints what it measured, on what data, beside a simpler baseline run the same way."""
