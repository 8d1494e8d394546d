#!/usr/bin/env bash
# Builds the one-folder desktop app with PyInstaller (build.spec) and runs it as a user would:
# the CLI's --version, `evidence-kit demo` producing the PDFs, and the desktop app started offscreen
# showing its main window (a screenshot is written). Prints the folder size and the start-up times.
# Usage: tools/check_frozen_app.sh [WORK_DIR]   (CI runs it from .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
python3 -m pip install -q "pyinstaller>=6.6"
python3 -m PyInstaller --noconfirm --log-level WARN --distpath "$work/dist" --workpath "$work/build" build.spec
app="$work/dist/evidence-kit"
for test_only in pytest _pytest hypothesis pypdf pytestqt; do
    if find "$app" -path "*/$test_only/*" -print -quit | grep -q .; then
        echo "FAIL: the frozen app carries the test-only package $test_only" >&2; exit 1
    fi
done

version=$("$app/evidence-kit" --version)
expected="evidence-kit $(python3 -c 'import evidence_kit; print(evidence_kit.__version__)')"
[ "$version" = "$expected" ] || { echo "FAIL: --version printed '$version', expected '$expected'" >&2; exit 1; }

start=$(date +%s.%N)
"$app/evidence-kit" --version >/dev/null
cli_start=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")

rm -rf "$work/demo"
"$app/evidence-kit" demo "$work/demo" > "$work/demo.log"
pdfs=$(find "$work/demo" -name '*.pdf' | sort)
[ "$(echo "$pdfs" | wc -l)" -eq 3 ] || { echo "FAIL: demo wrote: $pdfs" >&2; cat "$work/demo.log"; exit 1; }
for pdf in $pdfs; do
    pdffonts "$pdf" | grep -q "BIZUDGothic" || { echo "FAIL: $pdf has no embedded BIZ UDGothic" >&2; exit 1; }
done

start=$(date +%s.%N)
EVIDENCE_KIT_PASSPHRASE="$(python3 -c 'from evidence_kit.demo import DEMO_PASSPHRASE; print(DEMO_PASSPHRASE)')" \
    QT_QPA_PLATFORM=offscreen "$app/evidence-kit-app" --case "$work/demo/demo-case" --screenshot "$work/main-window.png"
gui_start=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
python3 - "$work/main-window.png" <<'PY'
import sys
from PIL import Image
image = Image.open(sys.argv[1])
assert image.width >= 800 and image.height >= 500, image.size
assert len(set(image.convert("L").getdata())) > 20, "the screenshot is blank"
PY

echo "frozen app: $app"
echo "folder size: $(du -sh "$app" | cut -f1) ($(find "$app" -type f | wc -l) files)"
echo "CLI start (--version): ${cli_start} s; desktop app start to main window screenshot: ${gui_start} s"
echo "demo PDFs: $(echo $pdfs | xargs -n1 basename | tr '\n' ' ')"
echo "main window screenshot: $work/main-window.png"
