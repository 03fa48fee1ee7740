"""Draft texts rendered from Jinja2 templates: the built-in ones, or the user's own.

Each language has its own templates and wordings, written for it: English at
the top of the built-in folder (``thank_you_card.txt.j2``, ``wordings/en.toml``),
German, French and Spanish in a folder of their own (``de/thank_you_card.txt.j2``,
``wordings/de.toml``).

The user's template folder is read first, the same way: a template named
``NAME.txt.j2`` there replaces the built-in English one, ``de/NAME.txt.j2`` the
German one (``en/NAME.txt.j2`` works for English too). A template may start
with a ``Subject: ...`` line; the subject is split off from the body.

The wordings a template's sentence slots are chosen from are data files; a
``wordings.toml`` in the user's folder (``de/wordings.toml`` for German, ...)
replaces the built-in wordings slot by slot, key by key. A wording may hold
both registers as ``{formal|informal}`` ("{Ihnen|dir}"): the person's register
picks one.
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Mapping
from pathlib import Path

import jinja2

from nextround.domain.draft_language import DEFAULT, go_on
from nextround.domain.drafting import Wordings
from nextround.errors import InvalidInput

BUILT_IN = Path(__file__).parent / "templates" / "drafts"
#: ``{formal|informal}`` in a wording: one text for each register.
_REGISTER = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


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
        self._env.filters["go_on"] = go_on
        self._read: dict[str, dict[str, dict[str, list[str]]]] = {}

    @property
    def wordings(self) -> Wordings:
        """The English slots: ``"KIND.SLOT"`` -> key -> wordings."""
        return self.wordings_for(DEFAULT)

    def wordings_for(self, language: str, formal: bool = False) -> Wordings:
        """Each draft kind's slots in ``language``, in the register asked for."""
        return {
            slot: {key: [self._register(w, formal) for w in said] for key, said in keys.items()}
            for slot, keys in self._language(language).items()
        }

    @staticmethod
    def _register(wording: str, formal: bool) -> str:
        """``{formal|informal}`` in a wording as the register asks."""
        return _REGISTER.sub(lambda m: m[1] if formal else m[2], wording)

    def _language(self, language: str) -> dict[str, dict[str, list[str]]]:
        if language not in self._read:
            built_in = BUILT_IN / "wordings" / f"{language}.toml"
            found = _flat(_read(built_in)) if built_in.is_file() else {}
            for own in self._own(language, "wordings.toml"):
                if own.is_file():
                    for slot, keys in _flat(_read(own)).items():
                        found[slot] = {**found.get(slot, {}), **keys}
            self._read[language] = found
        return self._read[language]

    def _own(self, language: str, filename: str) -> list[Path]:
        """The user's files for ``language``, the later ones winning."""
        if self._override_dir is None:
            return []
        folder = self._override_dir
        if language == DEFAULT:
            return [folder / filename, folder / language / filename]
        return [folder / language / filename]

    def render(
        self, name: str, context: Mapping[str, object], language: str = DEFAULT
    ) -> tuple[str | None, str]:
        """(subject or None, body) of the draft ``name`` in ``language``."""
        filename = f"{name}.txt.j2"
        names = [f"{language}/{filename}"] + ([filename] if language == DEFAULT else [])
        try:
            text = self._env.select_template(names).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise InvalidInput(
                f"draft template {exc.filename or filename} has an error on line {exc.lineno}: {exc.message}"
            ) from None
        except jinja2.TemplateError as exc:
            raise InvalidInput(
                f"draft template {filename} can't be rendered: {exc.message}"
            ) from None
        return split_subject(text)


#: Per folder of the user's templates: what it held, and the renderer made from it.
_SHARED: dict[str, tuple[tuple[object, ...], DraftRenderer]] = {}
_SHARED_LOCK = threading.Lock()


def shared(override_dir: Path | None) -> DraftRenderer:
    """A renderer for ``override_dir`` kept between calls, so a long-running process (the
    web app) compiles each template once rather than on every request; made anew when
    a file in the user's folder (a template or a wordings file) is added, removed or changed."""
    key = str(override_dir)
    seen = _folder_state(override_dir)
    with _SHARED_LOCK:
        kept = _SHARED.get(key)
        if kept is not None and kept[0] == seen:
            return kept[1]
    renderer = DraftRenderer(override_dir)
    with _SHARED_LOCK:
        _SHARED[key] = (seen, renderer)
    return renderer


def _folder_state(folder: Path | None) -> tuple[object, ...]:
    """The user's template and wordings files (top level and one folder down), with when
    each last changed; empty when there is no such folder."""
    if folder is None or not folder.is_dir():
        return ()
    found = []
    for path in sorted([*folder.iterdir(), *folder.glob("*/*")]):
        try:
            if path.is_file():
                found.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(found)


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
