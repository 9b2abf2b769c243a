"""Country dossiers: one country, offline, in its language, with the forms.

:func:`dossier` builds the data (:mod:`.build`, :mod:`.model`) and writes HTML (with an
interactive offline map), Markdown and DOCX (with a static map) in English, French or
Spanish (:mod:`.render`). Not legal advice.
"""

from __future__ import annotations

from .build import build_dossier
from .model import Dossier

__all__ = ["dossier", "build_dossier", "Dossier"]


def dossier(*args, **kwargs):  # noqa: D103 - documented in .write
    from .write import dossier as _dossier

    return _dossier(*args, **kwargs)


dossier.__doc__ = "Build and write a country dossier; see :func:`hgmap.dossier.write.dossier`."
