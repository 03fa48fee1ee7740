"""Background work on a PostgreSQL queue (procrastinate): mail scans, board watches
and digests for every user, run by ``nextround worker`` processes.

Each job calls the same service function as the command (``mail scan --imap``,
``watch run``, ``digest --email``) with a context for its user, so what a job
does and what a command does can't drift apart. This package is a face, like
the CLI and the web: it imports services, never storage.
"""
