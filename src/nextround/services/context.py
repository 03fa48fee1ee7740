"""What every use case runs with: the open database, the settings, the owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.config import Settings
from nextround.storage.database import LOCAL_OWNER, Database, open_database


@dataclass
class Context:
    db: Database
    settings: Settings
    owner: int = LOCAL_OWNER

    @property
    def today(self) -> date:
        return self.settings.today

    def close(self) -> None:
        self.db.close()


def open_context(settings: Settings) -> Context:
    return Context(open_database(settings.db_url), settings)
