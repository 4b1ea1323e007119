"""Errors the user can act on; their message is shown as is (in Chinese)."""

from __future__ import annotations


class UserError(Exception):
    """A problem caused by input or environment, never by a bug: shown, not traced."""
