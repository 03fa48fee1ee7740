"""nextround: a local-first job-search companion that turns every "no" into a next step."""

__version__ = "0.1.0"
