"""The statutory rules of government information disclosure, as plain Python.

Nothing in this package may import Django (gongkai/core/tests/test_no_django.py keeps it so):
the rules are tested without a database and are reused by the web app, the command line
and the background jobs alike.
"""
