# Sourced by the scripts: creates .venv and installs requirements.lock (exact versions, checked against their sha256)
# when it changed. The lock is made from pyproject.toml by scripts/vergrendel.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Python-omgeving .venv aanmaken..." >&2
  "$PYTHON" -m venv .venv
fi
# installeer_lock FILE: pip install --require-hashes -r FILE, once per content of FILE (a stamp in .venv).
installeer_lock() {
  local lock=$1 stamp want
  stamp=".venv/.${lock}.sha256"
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Pakketten installeren uit $lock (de eerste keer enkele minuten)..." >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
    echo "$want" > "$stamp"
  fi
}
installeer_lock requirements.lock
