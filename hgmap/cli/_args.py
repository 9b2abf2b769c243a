"""Typed argument helpers shared by every ``hgmap`` subcommand.

Each helper is an ``argparse`` ``type=`` callable: it turns the text of one option into
a checked value, or raises :class:`argparse.ArgumentTypeError` with a message that names
the value, so that bad input stops before any work starts and exits with code 2
(``hgmap: error: argument --k: ...``). The checks call the library's own validators
(:func:`hgmap.vocab.parse_date`, :func:`hgmap.origins.select_origins` ...), so the
command line and the Python API accept exactly the same values.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
from pathlib import Path
from typing import Literal

from ..errors import HgmapError, UnknownCountryError

__all__ = [
    "positive_int",
    "non_negative_int",
    "date",
    "stream",
    "streams",
    "origins",
    "routes",
    "region",
    "country",
    "countries",
    "input_file",
    "output_file",
    "output_file_or_stdout",
    "output_dir",
]


def _fail(exc: HgmapError | str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(str(exc))


# -- numbers ---------------------------------------------------------------------------

def _int(text: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise _fail(f"{text!r} is not a whole number") from None


def positive_int(text: str) -> int:
    """A whole number >= 1 (``--k``)."""
    value = _int(text)
    if value < 1:
        raise _fail(f"must be 1 or more, got {value}")
    return value


def non_negative_int(text: str) -> int:
    """A whole number >= 0 (``--alternatives``)."""
    value = _int(text)
    if value < 0:
        raise _fail(f"must be 0 or more, got {value}")
    return value


# -- vocabularies ----------------------------------------------------------------------

def date(text: str) -> _dt.date:
    """Exactly ``YYYY-MM-DD`` (:func:`hgmap.vocab.parse_date`); an empty text is an error."""
    from ..vocab import parse_date

    try:
        parsed = parse_date(text, field="date")
    except HgmapError as exc:
        raise _fail(str(exc).removeprefix("date: ")) from None
    if parsed is None:  # pragma: no cover - parse_date refuses "" itself
        raise _fail("empty date; give YYYY-MM-DD, or leave the option out for today")
    return parsed


def stream(text: str) -> str:
    """One waste stream of :data:`hgmap.vocab.STREAMS`."""
    from ..vocab import check_stream

    try:
        return check_stream(text.strip())
    except HgmapError as exc:
        raise _fail(exc) from None


def streams(text: str) -> tuple[str, ...]:
    """``all`` or streams separated by commas (:func:`hgmap.vocab.parse_streams`)."""
    from ..vocab import parse_streams

    try:
        return parse_streams(text)
    except HgmapError as exc:
        raise _fail(str(exc).removeprefix("streams: ")) from None


# -- countries -------------------------------------------------------------------------

def _with_suggestion(message: str, item: str) -> str:
    """``message`` with the code ``item`` may mean, unless the message already suggests one."""
    from ..countries import country_name, suggest_country

    if "did you mean" in message:  # hgmap.countries.check_country has suggested it
        return message
    hits = [c for c in suggest_country(item, n=1) if c != item.strip().upper()]
    return f"{message}; did you mean {hits[0]} ({country_name(hits[0])})?" if hits else message


def _check_code(item: str) -> str:
    from ..law import known_codes

    code = item.strip().upper()
    if code not in known_codes():
        msg = f"{item!r} is not a known ISO 3166-1 alpha-3 code"
        raise _fail(_with_suggestion(msg, item))
    return code


def country(text: str) -> str:
    """One ISO3 code (``--from``, ``--to``); a country name gets a suggestion."""
    return _check_code(text)


def countries(text: str) -> tuple[str, ...]:
    """ISO3 codes separated by commas (``--via``); the text must name at least one."""
    items = [p for p in str(text).split(",") if p.strip()]
    if not items:
        raise _fail(f"{text!r} names no country; give ISO3 codes separated by commas, or leave the option out")
    return tuple(_check_code(p) for p in items)


def origins(text: str) -> list[str]:
    """``all``, ``sids`` or ISO3 codes separated by commas (:func:`hgmap.origins.select_origins`)."""
    from ..origins import select_origins

    try:
        return select_origins(text)
    except UnknownCountryError as exc:
        from ..countries import country_codes

        known = set(country_codes())
        bad = next((p for p in text.split(",") if p.strip() and p.strip().upper() not in known), text)
        raise _fail(_with_suggestion(str(exc).removeprefix("origins: "), bad)) from None
    except HgmapError as exc:
        raise _fail(str(exc).removeprefix("origins: ")) from None


def routes(text: str) -> str | list[str]:
    """``sids``, ``all``, ``none`` or ISO3 codes separated by commas (``map --routes``)."""
    word = str(text).strip().lower()
    if word in {"sids", "all", "none"}:
        return word
    return origins(text)


def region(text: str) -> str:
    """``pacific``, ``caribbean``, ``ais`` (SIDS regions) or ISO3 codes separated by commas
    (``hubs --region``); a misspelt region name gets the region it may mean."""
    import difflib

    from ..plan.hubs import REGIONS

    word = str(text).strip().lower()
    if word in REGIONS:
        return word
    try:
        origins(text)
    except argparse.ArgumentTypeError as exc:
        near = difflib.get_close_matches(word, REGIONS, n=1, cutoff=0.6)
        if near and "," not in word:
            raise _fail(f"unknown region {text!r}; did you mean {near[0]}? (regions: {', '.join(REGIONS)}, "
                        "or ISO3 codes separated by commas)") from None
        raise _fail(f"{exc} (regions: {', '.join(REGIONS)}, or ISO3 codes separated by commas)") from None
    return text


# -- files -----------------------------------------------------------------------------

def input_file(text: str) -> str:
    """An existing, readable regular file (catalogues, scenarios, manifests)."""
    if not str(text).strip():
        raise _fail("empty path")
    path = Path(text)
    if not path.exists():
        raise _fail(f"{text}: no such file")
    if path.is_dir():
        raise _fail(f"{text}: is a directory, not a file")
    if not os.access(path, os.R_OK):
        raise _fail(f"{text}: permission denied")
    return text


def catalogue(text: str) -> str:
    """A facility catalogue: an existing file, or a catalogue database URL (``postgresql://…``)."""
    if str(text).startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        return text
    return input_file(text)


def _writable(text: str, kind: Literal["file", "dir"]) -> str:
    if not str(text).strip():
        raise _fail("empty path")
    path = Path(text)
    if path.exists():
        if kind == "file" and path.is_dir():
            raise _fail(f"{text} is a directory; give a file name")
        if kind == "dir" and not path.is_dir():
            raise _fail(f"{text} is a file, not a folder")
    # The nearest existing ancestor must be a folder we may write in.
    anchor = next(p for p in [path, *path.absolute().parents] if p.exists())
    if anchor != path and not anchor.is_dir():
        raise _fail(f"cannot write {text}: {anchor} is a file, not a folder")
    folder = anchor if anchor.is_dir() else anchor.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _fail(f"cannot write {text}: permission denied in {folder}")
    return text


def output_file(text: str) -> str:
    """A file hgmap may create or replace (not a folder, not under a regular file)."""
    return _writable(text, "file")


def output_file_or_stdout(text: str) -> str:
    """:func:`output_file`, or ``-`` for standard output."""
    return text if text == "-" else _writable(text, "file")


def output_dir(text: str) -> str:
    """A folder hgmap may create or write into."""
    return _writable(text, "dir")
