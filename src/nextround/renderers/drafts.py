"""Draft texts rendered from Jinja2 templates: the built-in ones, or the user's own.

A template named ``NAME.txt.j2`` in the user's template folder replaces the
built-in one. A template may start with a ``Subject: ...`` line; the subject
is split off from the body.

The wordings a template's sentence slots are chosen from are data files
(``wordings/en.toml``); a ``wordings.toml`` in the user's folder replaces the
built-in wordings slot by slot, key by key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

import jinja2

from nextround.domain.drafting import Wordings
from nextround.errors import InvalidInput

BUILT_IN = Path(__file__).parent / "templates" / "drafts"


class DraftRenderer:
    def __init__(self, override_dir: Path | None = None) -> None:
        self._override_dir = override_dir
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

    @cached_property
    def wordings(self) -> Wordings:
        """Each draft kind's slots: ``"KIND.SLOT"`` -> key -> wordings."""
        found = _flat(_read(BUILT_IN / "wordings" / "en.toml"))
        own = self._override_dir / "wordings.toml" if self._override_dir is not None else None
        if own is not None and own.is_file():
            for slot, keys in _flat(_read(own)).items():
                found[slot] = {**found.get(slot, {}), **keys}
        return found

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


def _read(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"the wordings file {path} can't be read: {exc}") from None


def _flat(data: Mapping[str, object]) -> dict[str, dict[str, list[str]]]:
    """``[kind.slot]`` tables as ``"kind.slot"`` -> key -> wordings; anything else is refused."""
    found: dict[str, dict[str, list[str]]] = {}
    for kind, slots in data.items():
        for slot, keys in dict(slots).items() if isinstance(slots, Mapping) else ():
            if not isinstance(keys, Mapping) or not all(
                isinstance(v, list) and all(isinstance(w, str) for w in v) for v in keys.values()
            ):
                raise InvalidInput(
                    f"the wordings of {kind}.{slot} must be lists of text under a key "
                    '(recruiter = ["...", "..."])'
                )
            found[f"{kind}.{slot}"] = {str(k): list(v) for k, v in keys.items()}
    return found
