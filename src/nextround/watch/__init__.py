"""The job-board watch adapter: which board a careers URL is, fetching it politely, reading it.

- :mod:`~nextround.watch.boards`: a careers URL or an API URL to a :class:`~nextround.watch.boards.Board`.
- :mod:`~nextround.watch.http`: the one HTTP client (timeouts, retries, conditional requests, a size cap).
- :mod:`~nextround.watch.parsers`: each board's answer to postings.
- :mod:`~nextround.watch.fetch`: one board read from end to end.

httpx is imported here only, and only when a board is fetched.
"""
