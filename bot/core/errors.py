"""Vigie's errors. Each carries what the user must know to act.

    VigieError
     ├── ConfigError        a config file that is missing, unreadable or invalid
     ├── StorageError       a database that cannot be opened or is of a newer schema
     └── FilterSyntaxError  a keyword filter that does not parse (with its position)

A failing feed is not an exception: it is a value in the fetch result.
"""

from __future__ import annotations


class VigieError(Exception):
    """Base of every error Vigie reports to a user instead of a traceback."""


class ConfigError(VigieError):
    """The configuration cannot be used; the message names the file and the key."""


class StorageError(VigieError):
    """The database cannot be used; the message names the file and what to do."""


class FilterSyntaxError(VigieError):
    """A keyword filter does not parse; `position` is the 0-based offset of the problem."""

    def __init__(self, message: str, position: int, key: str = "", **values: object) -> None:
        super().__init__(f"{message} (at character {position + 1})")
        self.reason = message
        self.position = position
        self.key = key
        """Names the reason's template in each catalogue (`filter_reason_<key>`), with `values`."""
        self.values = values
