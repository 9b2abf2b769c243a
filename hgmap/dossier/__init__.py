"""Country dossiers: one country, offline, in its language, with the forms.

:func:`dossier` builds the data (:mod:`.build` into :mod:`.model`), writes its sentences
in English, French or Spanish (:mod:`.document`, :mod:`.texts`, gettext catalogues in
``hgmap/locale``) and lays them out as HTML with an interactive offline map, Markdown
and DOCX with a static map (:mod:`.render`, :mod:`.mapping`). Not legal advice.
"""

from __future__ import annotations

import sys
import types

from .build import build_dossier
from .model import Dossier
from .write import FORMATS, dossier, write_dossier

__all__ = ["dossier", "build_dossier", "write_dossier", "Dossier", "FORMATS"]


class _CallableModule(types.ModuleType):
    """``hgmap.dossier(...)`` calls :func:`dossier`; ``hgmap.dossier.build_dossier`` etc. stay reachable."""

    def __call__(self, *args, **kwargs):
        return dossier(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
