#!/usr/bin/env bash
# Renders kafkadesk.svg, the one source of the icon, to the PNG sizes that
# are installed (hicolor/NxN) and to the window icon built into the app.
# Run after editing the SVG (needs rsvg-convert, Debian librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${size}x${size}"
  rsvg-convert -w "$size" -h "$size" kafkadesk.svg -o "hicolor/${size}x${size}/kafkadesk.png"
done
cp hicolor/256x256/kafkadesk.png kafkadesk.png
