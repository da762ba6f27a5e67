"""Typed errors. Item-level problems skip one item; only NothingUsable ends a run."""
from __future__ import annotations


class NewsbriefError(Exception):
    """Base class for errors newsbrief reports to the user."""


class UnusableItem(NewsbriefError):
    """One input item (a file, a JSON line, a page) cannot be used. The batch goes on without it."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class NothingUsable(NewsbriefError):
    """No input item could be used, so there is nothing to brief."""


class OutputError(NewsbriefError):
    """The output could not be written."""


class ConfigurationError(NewsbriefError):
    """A setting (an environment variable, a data file) is wrong."""


class UsageError(NewsbriefError):
    """An option's value cannot be used (a --since that is neither a date nor a brief)."""
