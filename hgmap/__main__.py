"""``python -m hgmap``: the same as the ``hgmap`` command."""

import sys

from .cli import main

sys.exit(main())
