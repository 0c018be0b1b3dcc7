#!/usr/bin/env bash
# Everything a fresh machine of this kind (Debian 12, Node 20 and npm, nothing else) needs before
# `pnpm test` or `pnpm lifecycle`: pnpm 10, the workspace's dependencies, a running Docker
# engine, and Python's jsonschema (the second validator of the contract's test vectors). Idempotent: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

# 1. pnpm 10 (pnpm 11 needs Node 22). Corepack needs COREPACK_INTEGRITY_KEYS=0 here, so use npm.
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  log "installing pnpm 10"
  npm install --global --no-fund --no-audit pnpm@10 >/dev/null
fi
log "pnpm $(pnpm --version)"

# 2. The workspace's dependencies, exactly as locked.
pnpm install --frozen-lockfile --reporter=append-only | tail -n 3

# 3. A Docker engine. Never a second dockerd, never --bridge=none (it deletes the host's docker0).
if docker info >/dev/null 2>&1; then
  log "docker engine already running"
else
  if ! command -v dockerd >/dev/null 2>&1; then
    if [[ "$(id -u)" != 0 ]]; then
      echo "[setup] no Docker engine and not root: install docker.io (apt-get) or start dockerd, then re-run" >&2
      exit 1
    fi
    log "installing docker.io from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  fi
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    [[ -d /sys/fs/cgroup/memory ]] || cgroupfs-mount >/dev/null 2>&1 || true
    log "starting dockerd (log: /var/log/molecule-ctk-dockerd.log)"
    nohup setsid dockerd >/var/log/molecule-ctk-dockerd.log 2>&1 </dev/null &
  fi
  for _ in $(seq 1 150); do
    docker info >/dev/null 2>&1 && break
    sleep 0.2
  done
  if ! docker info >/dev/null 2>&1; then
    echo "[setup] dockerd did not become ready in 30 s; see /var/log/molecule-ctk-dockerd.log" >&2
    tail -n 20 /var/log/molecule-ctk-dockerd.log >&2 || true
    exit 1
  fi
  log "docker engine ready ($(docker info --format '{{.ServerVersion}}'))"
fi

# 4. Python's jsonschema, which checks packages/contract/vectors as a non-JavaScript consumer would.
if python3 -c 'import jsonschema' >/dev/null 2>&1; then
  log "python3 jsonschema already installed"
elif [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  log "installing python3-jsonschema from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-jsonschema >/dev/null
else
  echo "[setup] python3 jsonschema missing and not root: apt-get install python3-jsonschema, or the vector test fails" >&2
fi
