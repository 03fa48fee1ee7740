"""Renderers: turn domain objects into text and bytes (drafts, and later cards, calendars)."""
