"""The schema revisions this version of nextround ships (the migrations' ids)."""

from __future__ import annotations

#: Every schema revision this version of nextround ships, oldest first.
REVISIONS = (
    "0001_initial",
    "0002_full_text_search",
    "0003_task_revisions",
    "0004_web_and_mail",
    "0005_one_core",
    "0006_draft_facts",
    "0007_interview_kinds",
    "0008_job_watch",
    "0009_watch_news",
    "0010_imported_people",
    "0011_draft_languages",
    "0012_digests",
    "0013_board_positions",
    "0014_logins",
    "0015_folded_search",
    "0017_users",
    "0018_user_settings",
    "0020_row_security",
    "0021_accounts",
    "0022_foreign_key_indexes",
    "0023_attempts",
    "0024_settings_stamp",
)
HEAD = REVISIONS[-1]

__all__ = ["HEAD", "REVISIONS"]
