#!/usr/bin/env bash
# Installs the system packages Meishi needs (Debian/Ubuntu, as root), or says what to install.
#   scripts/install-system-deps.sh          what the service needs (Tesseract + language packs)
#   scripts/install-system-deps.sh --test   plus what the test suite needs (Chromium for browser tests, fonts,
#                                           npm for the accessibility checker they inject)
set -euo pipefail

LANGS="eng deu fra spa por ita nld"
packages=(tesseract-ocr)
for lang in $LANGS; do packages+=("tesseract-ocr-$lang"); done
packages+=(libgl1 libglib2.0-0)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-noto-core)
  command -v npm >/dev/null || packages+=(npm)  # Debian's, unless a Node.js install brought its own
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v dpkg-query >/dev/null && ! command -v tesseract >/dev/null; then
  echo "Meishi needs these system packages; please install them (as root):" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
elif ! command -v tesseract >/dev/null; then
  echo "Meishi needs Tesseract OCR 5 with the language packs: $LANGS." >&2
  echo "  macOS: brew install tesseract tesseract-lang" >&2
  exit 1
fi
