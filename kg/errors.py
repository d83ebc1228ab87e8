"""The one base of every error a user can cause and fix (a bad path, a busy store, a port in use).

Its message is a single line that says what is wrong and what to do; the CLI prints it as
it is and exits with status 2, and never shows a traceback for it.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is meant for the user, not for a developer."""
