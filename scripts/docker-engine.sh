#!/usr/bin/env bash
# Brings up a real Docker engine for test/docker and the build/run extension tests, on a
# Debian/Ubuntu machine where only the package mirror may be reachable (no Docker Hub).
#
#   scripts/docker-engine.sh            engine + `busybox:local` (FROM scratch + static busybox)
#   scripts/docker-engine.sh --python   also `python:3.11-slim`, made locally from a debootstrap
#                                       root (Debian's python3 3.11 + pip; ~2 min and 300 MB once)
#   scripts/docker-engine.sh --stop     stops the dockerd this script started
#
# Idempotent and quiet: does only what is missing, and prints one line, `docker-engine: ready`,
# when the engine answers. Exits non-zero, saying why, when it cannot. Needs root for apt and
# dockerd unless an engine already answers.
set -euo pipefail

STATE=${DOCKER_ENGINE_STATE:-/tmp/layerwise-docker-engine}
mkdir -p "$STATE"
log() { printf 'docker-engine: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

stop() {
  if [ -f "$STATE/dockerd.pid" ]; then
    kill "$(cat "$STATE/dockerd.pid")" 2>/dev/null || true
    rm -f "$STATE/dockerd.pid"
  fi
}
if [ "${1:-}" = "--stop" ]; then stop; exit 0; fi
WANT_PYTHON=0
[ "${1:-}" = "--python" ] && WANT_PYTHON=1

# Any client that reaches an engine will do; otherwise Debian's docker.io (client and engine match).
pick_client() {
  for c in /usr/bin/docker "$(command -v docker 2>/dev/null || true)"; do
    [ -n "$c" ] && [ -x "$c" ] && "$c" info >/dev/null 2>&1 && { echo "$c"; return 0; }
  done
  return 1
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "cannot install ${missing[*]}: no apt-get here; install Docker yourself"
  [ "$(id -u)" = 0 ] || die "installing ${missing[*]} needs root"
  log "installing ${missing[*]}"
  if [ ! -f "$STATE/apt-updated" ]; then
    apt-get update -qq >"$STATE/apt.log" 2>&1 || die "apt-get update failed; see $STATE/apt.log"
    touch "$STATE/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$STATE/apt.log" 2>&1 \
    || die "apt-get install ${missing[*]} failed; see $STATE/apt.log"
}

if ! DOCKER=$(pick_client); then
  apt_install docker.io
  DOCKER=/usr/bin/docker
  if ! "$DOCKER" info >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "no Docker engine answers and starting dockerd needs root"
    log "starting dockerd"
    setsid dockerd >"$STATE/dockerd.log" 2>&1 </dev/null &
    echo $! >"$STATE/dockerd.pid"
    for _ in $(seq 120); do "$DOCKER" info >/dev/null 2>&1 && break; sleep 0.5; done
    "$DOCKER" info >/dev/null 2>&1 || { tail -20 "$STATE/dockerd.log" >&2; die "dockerd did not answer within 60 s; see $STATE/dockerd.log"; }
  fi
fi

if ! "$DOCKER" image inspect busybox:local >/dev/null 2>&1; then
  apt_install busybox-static
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  cp /bin/busybox "$ctx/busybox"
  printf '%s\n' 'FROM scratch' 'COPY busybox /bin/busybox' 'RUN ["/bin/busybox", "--install", "-s", "/bin"]' \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["/bin/sh"]' >"$ctx/Dockerfile"
  # The classic builder works with every client/engine pair; BuildKit may need buildx.
  DOCKER_BUILDKIT=0 "$DOCKER" build -q -t busybox:local "$ctx" >/dev/null 2>"$STATE/busybox.log" || die "building busybox:local failed; see $STATE/busybox.log"
  log "built busybox:local"
fi

if [ "$WANT_PYTHON" = 1 ] && ! "$DOCKER" image inspect python:3.11-slim >/dev/null 2>&1; then
  apt_install debootstrap
  root="$STATE/python-root"
  if [ ! -x "$root/usr/bin/python3" ]; then
    rm -rf "$root"
    mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    log "debootstrap a Debian bookworm root with python3 (slow, once)"
    debootstrap --variant=minbase --include=python3,python3-pip bookworm "$root" ${mirror:+"$mirror"} >"$STATE/debootstrap.log" 2>&1 \
      || die "debootstrap failed; see $STATE/debootstrap.log"
  fi
  # Behave like the official image: `python` and `pip` on PATH, pip allowed to install.
  rm -f "$root"/usr/lib/python3.*/EXTERNALLY-MANAGED
  ln -sf /usr/bin/python3 "$root/usr/local/bin/python"
  ln -sf /usr/bin/pip3 "$root/usr/local/bin/pip"
  tar -C "$root" -c . | "$DOCKER" import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["python3"]' - python:3.11-slim >/dev/null \
    || die "importing python:3.11-slim failed"
  log "imported python:3.11-slim"
fi

echo "docker-engine: ready"
