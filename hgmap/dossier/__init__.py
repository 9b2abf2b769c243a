"""Country dossiers: one country, offline, in its language, with the forms.

:func:`dossier` builds the data (:mod:`.build` into :mod:`.model`), writes its sentences
in English, French or Spanish (:mod:`.document`, :mod:`.texts`, gettext catalogues in
``hgmap/locale``) and lays them out as HTML with an interactive offline map, Markdown
and DOCX with a static map (:mod:`.render`, :mod:`.mapping`). Not legal advice.
"""

from __future__ import annotations

from .build import build_dossier
from .model import Dossier
from .write import FORMATS, dossier, write_dossier

__all__ = ["dossier", "build_dossier", "write_dossier", "Dossier", "FORMATS"]
