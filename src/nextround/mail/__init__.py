"""Mail: reading and sending the user's own e-mail (SMTP out; mailboxes in, later)."""
