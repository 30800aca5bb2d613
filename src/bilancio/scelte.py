"""The choices the library and the command line share: themes, PDF standards, diff's
threshold, the check service's idle time.

Written once here, in a module that imports nothing of the library, so the command line
can offer them (help, defaults, validation) without loading the reports or the comparison.
"""

from __future__ import annotations

from decimal import Decimal

TEMI = ("completo", "sintesi")
"""The report themes."""

PDF_VARIANTE = "pdf/a-1a"
"""The filing copy: PDF/A-1a, tagged."""

PDF_VARIANTI = (
    "pdf/a-1a",
    "pdf/a-1b",
    "pdf/a-2a",
    "pdf/a-2b",
    "pdf/a-2u",
    "pdf/a-3a",
    "pdf/a-3b",
    "pdf/a-3u",
)
"""The standards WeasyPrint prints that ``--pdf`` may choose (PDF/A-2a: about a fifth of the size)."""

SOGLIA = Decimal(10)
"""Default threshold (%) above which a change is highlighted."""

INATTIVITA_SERVIZIO = 30
"""Minutes without a check after which ``bilancio serve`` stops by itself (0: never)."""
