"""``python -m hgmap.cli``: the same as the ``hgmap`` command."""

from . import console

console()
