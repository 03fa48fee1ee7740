"""Mail: reading and sending the user's own e-mail.

Out: :mod:`~nextround.mail.smtp`. In, read-only: :mod:`~nextround.mail.mailboxes`
(mbox, Maildir and .eml files) and :mod:`~nextround.mail.imap` (a server), both
yielding the values of :mod:`~nextround.mail.sources`.
"""
