"""A throwaway OpenID Provider for the single sign-on tests: a minimal Django project with django-oauth-toolkit's
OpenID Connect (its own settings, SQLite in a temporary directory), started as a subprocess by `harness.provider`."""
