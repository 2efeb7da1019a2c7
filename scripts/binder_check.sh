#!/bin/bash
# The student environment of binder/ in a fresh virtual environment, as repo2docker builds it
# (requirements, then postBuild), then every chapter of the student edition run with nbmake.
# Usage: scripts/binder_check.sh [venv folder]   (default: a temporary folder, removed after)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${1:-$(mktemp -d)/venv}
pin() { grep -E "^$1==" "$root/requirements.txt"; }
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet -r "$root/binder/requirements.txt"
(cd "$root" && PATH="$venv/bin:$PATH" bash binder/postBuild >/dev/null)
"$venv/bin/pip" install --quiet "$(pin pytest)" "$(pin nbmake)"
"$venv/bin/pip" check
cd "$root" && env -u PYTHONPATH "$venv/bin/python" -m pytest -q -p no:cacheprovider --nbmake student
