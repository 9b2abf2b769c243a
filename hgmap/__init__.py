"""hgmap: legally and physically accessible mercury-waste treatment facilities.

Not legal advice: every decision hgmap shows carries its sources, confidence and
data date.
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from . import errors, vocab
from .errors import HgmapError
from .vocab import OPERATIONS, STREAMS

try:
    __version__ = version("hgmap")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["HgmapError", "OPERATIONS", "STREAMS", "errors", "vocab", "__version__"]
