"""The one error hierarchy of nextround.

Every error a user can cause is a :class:`NextroundError`. Its message is
written for the user: one line saying what is wrong and how to fix it. Faces
map the hierarchy in one place each (the CLI to ``Error: <message>`` and a
non-zero exit; the web to an error page or a JSON error):

- :class:`NotFound`: an id or a name that matches nothing (404).
- :class:`Ambiguous`: a name that matches several rows (409); it lists the
  candidates, so the command line can ask which one was meant.
- :class:`Conflict`: the request clashes with what is stored (409); among
  them :class:`Duplicate`, a record that looks like one already stored,
  naming that one, and :class:`InUse`, a record others still belong to.
- :class:`InvalidInput`: a malformed value or a rule broken by the input
  (422); ``fields`` maps each field at fault to its message.
- :class:`ImportFailed`: a file given to ``nextround import`` can't be read
  (an :class:`InvalidInput` on the field ``file``); ``line`` is the line at
  fault, when there is one, and the message starts with it.
- :class:`ConfigError`: the config file or an environment setting is wrong.
- :class:`SetupNeeded`: something only the user can tell nextround is not set
  yet (their name, before a card is printed or an email sent); ``setting``
  names it, and each face says where to set it.
  :class:`PasswordNeeded` when serving off this computer without a password.
- :class:`NotSignedIn`: a login is needed, or the password (or API token) was
  wrong (401); :class:`TooManyAttempts` after too many wrong passwords (429).
  The message is the same whether or not the account exists.
- :class:`StorageError`: the database can't be opened, is unwritable, or was
  written by a newer nextround; :class:`DatabaseUnavailable` when its server
  doesn't answer (down, restarting, unreachable): the same request may work
  in a moment (503).
- :class:`BoardError`: a job board couldn't be read (unreachable, too slow,
  too large, or an answer not in its format); :class:`BoardGone` when it
  answers "not found".

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
    """A name that matches more than one row; ``candidates`` are (id, description) pairs."""

    def __init__(self, message: str, candidates: tuple[tuple[int, str], ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class Conflict(NextroundError):
    """The request clashes with what is already stored."""


class Duplicate(Conflict):
    """A new record that looks like one already stored (same email, same name at one company)."""

    def __init__(self, message: str, *, existing_id: int, kind: str) -> None:
        super().__init__(message)
        self.existing_id = existing_id
        self.kind = kind


class NameTaken(Duplicate):
    """A name that is already a record's own: not even a look-alike may be added."""


class InUse(Conflict):
    """A record others still belong to: deleting it needs them deleted too (cascade)."""


class InvalidInput(NextroundError):
    """A malformed value, or a rule the input breaks.

    ``fields`` maps each input at fault to its message, so that a form can
    show each message beside its field and the API can name them.
    ``field=`` is the short form for one field.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        found = dict(fields or {})
        if field is not None:
            found.setdefault(field, message)
        self.fields = found

    @property
    def field(self) -> str | None:
        """The first field at fault, if any."""
        return next(iter(self.fields), None)


class ImportFailed(InvalidInput):
    """A file that can't be imported; ``line`` is the line at fault, if one is."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line is not None else message, field="file")
        self.line = line


class ConfigError(NextroundError):
    """The config file or an environment variable is wrong."""


class SetupNeeded(NextroundError):
    """A setting the step needs is not set yet; ``setting`` names it (``user.name``)."""

    def __init__(self, message: str, *, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class PasswordNeeded(SetupNeeded):
    """Serving to the network needs a password first."""

    def __init__(self, message: str) -> None:
        super().__init__(message, setting="password")


class NotSignedIn(NextroundError):
    """A login is needed, or the password or token given was not right."""


class TooManyAttempts(NotSignedIn):
    """Too many wrong passwords for an account or from an address: wait, then try again."""


class StorageError(NextroundError):
    """The database can't be opened, written or upgraded."""


class DatabaseUnavailable(StorageError):
    """The database server doesn't answer (down, restarting, unreachable): try again later."""


class BoardError(NextroundError):
    """A job board couldn't be read, or its answer isn't in the board's format."""


class BoardGone(BoardError):
    """A job board answered "not found" (404 or 410)."""
