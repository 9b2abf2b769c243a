"""A catalogue entry row for tests of services and technologies (one home for both modules)."""

from __future__ import annotations

from hgmap.catalogue import ENTRY_COLUMNS


def entry(**kw: str) -> dict[str, str]:
    """A valid operating service row with a source; ``kw`` overrides any column."""
    row = {c: "" for c in ENTRY_COLUMNS}
    row.update({"kind": "service", "status": "operating", "confidence": "medium", "as_of": "2026-01-15",
                "source_url": "https://example.org/source", "description": "Collects lamps for export."})
    row.update(kw)
    return row
