#!/usr/bin/env bash
# The server under load: `wrk` answering screens of many interviews over the JSON API, each answer
# one flow transaction (claim the interview, resume it, create a record, store it).
#
#   swift build -c release --product flowrun
#   benchmarks/serve-wrk.sh sqlite
#   FLOWRUN_BENCH_POSTGRES_URL=postgres://USER:PASS@127.0.0.1:5432/DB benchmarks/serve-wrk.sh postgres
#
# FLOWRUN_BIN (default .build/release/flowrun), INTERVIEWS (1000), CONNECTIONS (32), DURATION (20s)
# and THREADS (2) change the run. The figures go in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-sqlite}
bin=${FLOWRUN_BIN:-.build/release/flowrun}
interviews=${INTERVIEWS:-1000}
connections=${CONNECTIONS:-32}
duration=${DURATION:-20s}
export THREADS=${THREADS:-2}
port=${PORT:-18191}
token=benchmarktokenbenchmarktoken

work=$(mktemp -d)
server=
# The benchmark starts its interviews from one address, beyond the default start limits.
limits=(--starts-per-address $((interviews + 1000)) --starts-total $((interviews + 1000)))
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cp benchmarks/Screen_Loop.flow-meta.xml "$work/"

case "$kind" in
    sqlite) FLOWRUN_LOG_LEVEL=critical "$bin" serve "$work" --port "$port" --database "$work/records.sqlite" "${limits[@]}" >/dev/null & ;;
    postgres)
        : "${FLOWRUN_BENCH_POSTGRES_URL:?set FLOWRUN_BENCH_POSTGRES_URL}"
        # Records in a fresh schema of their own, so every run starts empty.
        FLOWRUN_POSTGRES_URL="$FLOWRUN_BENCH_POSTGRES_URL?schema=bench_$$_$RANDOM" FLOWRUN_LOG_LEVEL=critical \
            "$bin" serve "$work" --port "$port" "${limits[@]}" >/dev/null & ;;
    *) echo "usage: $0 sqlite|postgres" >&2; exit 64 ;;
esac
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/flows" >/dev/null && break; sleep 0.1; done

echo "creating $interviews interviews" >&2
python3 - "$port" "$token" "$interviews" > "$work/ids" <<'PY'
import json, sys, urllib.request
port, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for _ in range(count):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/flows/Screen_Loop/interviews", data=b"{}", method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    print(json.load(urllib.request.urlopen(request))["id"])
PY
IDS="$work/ids" TOKEN="$token" wrk -t"$THREADS" -c"$connections" -d"$duration" --latency \
    -s benchmarks/wrk-many-interviews.lua "http://127.0.0.1:$port"
