"""The one error hierarchy of nextround.

Every error a user can cause is a :class:`NextroundError`. Its message is
written for the user: one line saying what is wrong and how to fix it. Faces
map the hierarchy in one place each (the CLI to ``Error: <message>`` and a
non-zero exit; the web to an error page or a JSON error):

- :class:`NotFound`: an id or a name that matches nothing (404).
- :class:`Ambiguous`: a name that matches several rows (409); a kind of
  :class:`NotFound` lookup failure that lists the candidates.
- :class:`Conflict`: the request clashes with what is stored (409).
- :class:`InvalidInput`: a malformed value or a rule broken by the input (422).
- :class:`ConfigError`: the config file or an environment setting is wrong.
- :class:`StorageError`: the database can't be opened, is unwritable, or was
  written by a newer nextround.

Secrets never appear in these messages.
"""

from __future__ import annotations


class NextroundError(Exception):
    """Base class of every error meant for the user."""

    exit_code = 1

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class NotFound(NextroundError):
    """An id or a name that matches nothing."""


class Ambiguous(NextroundError):
    """A name that matches more than one row."""


class Conflict(NextroundError):
    """The request clashes with what is already stored."""


class InvalidInput(NextroundError):
    """A malformed value, or a rule the input breaks.

    ``field`` names the input at fault when the caller knows it, so that a
    form can show the message beside that field.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConfigError(NextroundError):
    """The config file or an environment variable is wrong."""


class StorageError(NextroundError):
    """The database can't be opened, written or upgraded."""
