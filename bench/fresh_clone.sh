#!/usr/bin/env bash
# Seconds from a fresh clone to a healthy `parking run`: `make install`, then `parking run`
# until GET /api/health answers. Usage, from the repository: bench/fresh_clone.sh [COMMIT [PORT]]
# (COMMIT defaults to HEAD). The clone stays in a temporary directory, named in the output.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
commit=${1:-HEAD}
port=${2:-5077}
dir=$(mktemp -d /tmp/parking-fresh-clone.XXXXXX)
git clone -q "$repo" "$dir/parking"
git -C "$dir/parking" checkout -q "$commit"
cd "$dir/parking"
seconds() { printf '%d.%d' $(($1 / 1000000000)) $(($1 % 1000000000 / 100000000)); }
start=$(date +%s%N)
make install >"$dir/install.log" 2>&1
installed=$(date +%s%N)
PARKING_VAR_DIR="$dir/var" .venv/bin/parking run --port "$port" --mail-port $((port + 1)) \
  >"$dir/run.log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "parking run exited; see $dir/run.log"; exit 1; }
  sleep 0.2
done
healthy=$(date +%s%N)
echo "$commit: make install $(seconds $((installed - start))) s, then healthy after" \
  "$(seconds $((healthy - installed))) s: $(seconds $((healthy - start))) s in all ($dir)"
