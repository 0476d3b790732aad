#!/usr/bin/env bash
# Print minutes.html to PDF with headless Chromium, as a browser's "Print"
# would, and (with pdftoppm) each page to PNG to look at.
#
#   scripts/print-minutes.sh EXPORT/minutes.html [OUT_DIR]
#
# Needs chromium (Debian: apt-get install chromium) and, for the PNG pages,
# pdftoppm (apt-get install poppler-utils). Writes OUT_DIR/minutes.pdf and
# OUT_DIR/page-N.png (default OUT_DIR: ./minutes-print) and prints the page
# count. See docs/results.md, "Printing the minutes".
set -euo pipefail

html=${1:?usage: scripts/print-minutes.sh minutes.html [out-dir]}
out=${2:-minutes-print}
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ]; then
  echo "print-minutes: no chromium on PATH (Debian: apt-get install chromium)" >&2
  exit 2
fi
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-pdf-header-footer: the page's own @page margin boxes carry the header
# and the page numbers, not the browser's date and file:// address.
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$out/minutes.pdf" "file://$(realpath "$html")" >/dev/null 2>&1
if command -v pdftoppm >/dev/null; then
  rm -f "$out"/page-*.png
  pdftoppm -r 60 -png "$out/minutes.pdf" "$out/page"
fi
if command -v pdfinfo >/dev/null; then
  pdfinfo "$out/minutes.pdf" | grep -E '^(Pages|Page size)'
fi
echo "written: $out/minutes.pdf"
