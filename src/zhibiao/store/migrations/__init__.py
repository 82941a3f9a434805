"""Alembic migrations of the fact store, shipped with the package and run on open."""
