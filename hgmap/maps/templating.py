"""The Jinja2 environment of every page and fragment hgmap's maps and run write.

Autoescaping is on for every template: text from catalogues, results and user
files is escaped by Jinja, never by hand. Templates under ``fragments/`` (popups,
tooltips, legend, title) become JSON strings inside a map page, so their source is
compacted when loaded: each line loses its leading indentation and its line break.
Write a space inside a line where the output needs one.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import jinja2

from .._values import missing

__all__ = ["environment", "render", "macro", "asset_text", "asset_bytes"]


def asset_text(name: str) -> str:
    """A browser asset of the maps package (``hgmap/maps/assets``), as text."""
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def asset_bytes(name: str) -> bytes:
    """A browser asset of the maps package, as bytes."""
    return resources.files(__package__).joinpath("assets", name).read_bytes()


def _load(name: str) -> tuple[str, None, Any]:
    source = resources.files(__package__).joinpath("templates", *name.split("/")).read_text(encoding="utf-8")
    if name.startswith("fragments/"):
        source = "".join(line.lstrip() for line in source.splitlines())
    return source, None, lambda: True


@functools.cache
def environment() -> jinja2.Environment:
    """The shared environment (autoescape on, strict about undefined names)."""
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_load), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["present"] = lambda value: not missing(value) and str(value) != ""
    return env


@functools.cache
def _module(name: str) -> Any:
    return environment().get_template(name).module


def macro(name: str, macro_name: str) -> Any:
    """A macro of a template (cached), e.g. ``macro("fragments/origin.html", "popup")``."""
    return getattr(_module(name), macro_name)


def render(name: str, /, **context: Any) -> str:
    """Render template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)
