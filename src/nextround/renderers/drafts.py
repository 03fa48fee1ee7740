"""Draft texts rendered from Jinja2 templates: the built-in ones, or the user's own.

A template named ``NAME.txt.j2`` in the user's template folder replaces the
built-in one. A template may start with a ``Subject: ...`` line; the subject
is split off from the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import jinja2

from nextround.errors import InvalidInput

BUILT_IN = Path(__file__).parent / "templates" / "drafts"


class DraftRenderer:
    def __init__(self, override_dir: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if override_dir is not None and override_dir.is_dir():
            loaders.append(jinja2.FileSystemLoader(override_dir))
        loaders.append(jinja2.FileSystemLoader(BUILT_IN))
        self._env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # noqa: S701 - plain-text drafts, never HTML
        )

    def render(self, name: str, context: Mapping[str, object]) -> tuple[str | None, str]:
        """(subject or None, body) of the draft ``name``."""
        filename = f"{name}.txt.j2"
        try:
            text = self._env.get_template(filename).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise InvalidInput(
                f"draft template {exc.filename or filename} has an error on line {exc.lineno}: {exc.message}"
            ) from None
        except jinja2.TemplateError as exc:
            raise InvalidInput(
                f"draft template {filename} can't be rendered: {exc.message}"
            ) from None
        return split_subject(text)


def split_subject(text: str) -> tuple[str | None, str]:
    text = text.strip()
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return None, text
