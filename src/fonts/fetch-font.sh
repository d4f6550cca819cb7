#!/usr/bin/env bash
# Puts the CJK font of the contract and receipt PDFs on the classpath (argument 1: the output folder, e.g.
# target/classes/fonts). The font is Noto Serif SC Regular (SIL Open Font License 1.1) from the npm package pinned
# in package-lock.json (integrity-checked by `npm ci`); no font file is kept in the repository. Run by
# `mvn generate-resources`, so every build (tests, the packaged jar, CI) has it. Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:?usage: fetch-font.sh OUTPUT_DIR}
package=node_modules/@expo-google-fonts/noto-serif-sc
font=$package/400Regular/NotoSerifSC_400Regular.ttf

if [ ! -f "$font" ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "pdf font: Node.js and npm are required to build EnrollFlow (the PDF font comes from the npm registry)" >&2
    exit 1
  fi
  npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error
fi

mkdir -p "$out"
cmp -s "$font" "$out/NotoSerifSC-Regular.ttf" || cp "$font" "$out/NotoSerifSC-Regular.ttf"
cmp -s "$package/LICENSE_FONT" "$out/NotoSerifSC-OFL.txt" || cp "$package/LICENSE_FONT" "$out/NotoSerifSC-OFL.txt"
echo "pdf font: $out/NotoSerifSC-Regular.ttf"
