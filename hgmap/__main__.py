"""``python -m hgmap``: the same as the ``hgmap`` command."""

from .cli import console

console()
