#!/usr/bin/env bash
# Keep one OpenCV build in a Python environment: the headless one the project depends on.
#
# rapidocr-onnxruntime requires `opencv-python`, OpenCV's GUI build, and declined to switch
# (RapidAI/RapidOCR#185); pip has no way to substitute one distribution for another. Both builds write the
# same `cv2/` folder, so whichever was installed last wins: here the GUI one, with bundled Qt, which cost
# the reader 15 MB at its peak (docs/reader.md) and needs libGL. RapidOCR only uses core, imgproc and
# imgcodecs, which the headless build has. So: remove both, reinstall headless at the version pip chose.
#
#   scripts/headless-opencv.sh [PIP]     (default: .venv/bin/pip)
set -euo pipefail
pip=${1:-.venv/bin/pip}

if ! "$pip" show -q opencv-python >/dev/null 2>&1; then
  exit 0  # already one build
fi
version=$("$pip" show opencv-python-headless | awk '/^Version:/ {print $2}')
"$pip" uninstall -q -y opencv-python opencv-python-headless
"$pip" install -q --no-deps "opencv-python-headless==${version}"
