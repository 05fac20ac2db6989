#!/usr/bin/env bash
# One command from a fresh clone to a running Zerobyte on http://localhost:4096 with an embedded database in ./data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bash scripts/install-system-deps.sh
npm ci
npm run build
mkdir -p data
# The secret that encrypts stored credentials: made once, kept with the data (back it up with the data).
[ -s data/app_secret ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' > data/app_secret)
export APP_SECRET_FILE="${APP_SECRET_FILE:-$PWD/data/app_secret}"
exec npm start
