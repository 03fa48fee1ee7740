"""Storage: the only package that knows SQL (SQLAlchemy Core, Alembic migrations)."""
