"""The fonts the outputs name: "Khmer OS" for Khmer text, and the CSS font stack of charts and PDF reports.

No third-party import, so any module (the dashboard's charts included) can use it cheaply. Khmer OS is
Debian's `fonts-khmeros`, which the Dockerfile installs for Chromium.
"""

from __future__ import annotations

KHMER_FONT = "Khmer OS"

# A CSS font-family value (plotly's `font.family` takes the same). Latin fonts first (the browser picks a
# font per character down the list), then the Khmer ones, so Khmer text never shows as boxes. Open Sans and
# Noto Sans serve the dashboard in a visitor's browser; the server that prints PDFs has neither, and uses
# Liberation Sans (Debian's Chromium dependency) with Khmer OS, as before the stacks were one.
FONT_STACK = ('"Open Sans", "Noto Sans", "Liberation Sans", Arial, Helvetica, "DejaVu Sans", '
              f'"{KHMER_FONT}", "Noto Sans Khmer", "Khmer OS System", sans-serif')
