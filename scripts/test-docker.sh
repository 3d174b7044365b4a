#!/usr/bin/env bash
# Build the image, run it, log in through the published port with the real login call, wait for "healthy",
# stop it (timed) and clean up. Needs a Docker engine; on the project machines run
# ../shared/tools/docker-node-base.sh first (it starts one and provides the node:24-bookworm-slim base).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${IMAGE:-hpe3par-emulator:test}
NAME=hpe3par-emulator-test-$$
PORT=${PORT:-18090}
SSH_PORT=${SSH_PORT:-18091}
PASSED=0
pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
cleanup() { docker rm -f "$NAME" >/dev/null 2>&1 || true; rm -f docker/ca/extra.pem; }
trap cleanup EXIT

# A machine behind a TLS-inspecting proxy hands its CA to npm inside the build (docker/ca/README.md).
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then cp "$NODE_EXTRA_CA_CERTS" docker/ca/extra.pem; fi
docker build --network host -t "$IMAGE" . >/tmp/test-docker-build.log 2>&1 || { tail -30 /tmp/test-docker-build.log; exit 1; }
pass "docker build"
docker run -d --name "$NAME" -p "127.0.0.1:$PORT:8080" -p "127.0.0.1:$SSH_PORT:9080" "$IMAGE" >/dev/null
for _ in $(seq 60); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$NAME")" = healthy ] && break
  sleep 0.5
done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$NAME")" = healthy ] || { docker logs "$NAME" | tail -20; echo "FAIL: not healthy"; exit 1; }
pass "container healthy"
docker exec "$NAME" id -un | grep -qx node && pass "runs as the node user"
KEY=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"user":"3paradm","password":"3pardata"}' "http://127.0.0.1:$PORT/api/v1/credentials" | sed -nE 's/.*"key":"([^"]+)".*/\1/p')
[ -n "$KEY" ] || { echo "FAIL: login through the published port"; exit 1; }
pass "login through the published port"
curl -sf -H "X-HP3PAR-WSAPI-SessionKey: $KEY" "http://127.0.0.1:$PORT/api/v1/system" | grep -q '"model"' && pass "GET /system with the session key"
if command -v ssh >/dev/null; then
  # The CLI door through the published port, with the array's password handed over by an askpass helper.
  ASKPASS=$(mktemp); printf '#!/bin/sh\necho 3pardata\n' >"$ASKPASS"; chmod +x "$ASKPASS"
  SSH_ASKPASS="$ASKPASS" SSH_ASKPASS_REQUIRE=force ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o PreferredAuthentications=password -o LogLevel=ERROR -p "$SSH_PORT" 3paradm@127.0.0.1 showsys </dev/null | grep -q '3par-emu-01' && pass "CLI over SSH through the published port"
  rm -f "$ASKPASS"
fi
START=$(date +%s%N)
docker stop "$NAME" >/dev/null
MS=$(( ($(date +%s%N) - START) / 1000000 ))
[ "$(docker inspect -f '{{.State.ExitCode}}' "$NAME")" = 0 ] || { echo "FAIL: exit code $(docker inspect -f '{{.State.ExitCode}}' "$NAME")"; exit 1; }
[ "$MS" -lt 1000 ] || { echo "FAIL: docker stop took ${MS} ms"; exit 1; }
pass "docker stop in ${MS} ms, exit code 0"
echo "$PASSED passed, 0 failed"
