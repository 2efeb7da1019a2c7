"""Tooling the tests, the benchmark and the handouts share (not part of the course package)."""
