"""``python -m hgmap.cli``: the same as the ``hgmap`` command."""

import sys

from . import main

sys.exit(main())
