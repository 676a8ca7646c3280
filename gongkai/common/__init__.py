"""Small helpers shared by several apps (plain modules, not a Django app)."""
