#!/usr/bin/env bash
# Idempotent set-up: Debian packages the project needs, then `npm ci` when node_modules is stale.
# Takes seconds when everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(
  # canvas (chart PNGs) builds from source against these
  build-essential pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev
  # the Python worker: Debian's interpreter and analytics libraries, jailed with bubblewrap
  python3 python3-numpy python3-pandas python3-scipy python3-statsmodels python3-sklearn bubblewrap
)

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when package-lock.json changed since the last install (or nothing is installed). It installs exactly
# what the committed lock file lists and never rewrites it; when it refuses, set-up stops and says why.
stamp="node_modules/.insightx-lock-hash"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci" >&2
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    cat >&2 <<'MSG'
setup: npm ci refused to install from package-lock.json (its message is above); nothing was changed.
  - "in sync" errors: package.json and package-lock.json disagree. Run `npm install` once to update the lock
    file, check that every platform's optional packages are still listed in it, commit it, and run set-up again.
  - network or registry errors: check that the npm registry is reachable (npm config get registry), then retry.
MSG
    exit 1
  fi
  echo "$want" >"$stamp"
fi
