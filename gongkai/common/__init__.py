"""Small Django-side helpers several apps share (plain modules, not a Django app)."""
