#!/usr/bin/env bash
# Make Debian's Virtuoso available for the `sparql` store tests (tests/virtuoso.py).
#
# Idempotent: installs virtuoso-opensource only when virtuoso-t is missing, and stops
# the system service the package may have started (it listens on all interfaces on
# 1111/8890; the tests start their own server on loopback with free ports instead).
# Never fails the build: without Virtuoso the tests are skipped with the reason.
set -uo pipefail

if ! command -v virtuoso-t >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  echo "virtuoso: installing virtuoso-opensource"
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    virtuoso-opensource >/dev/null \
    || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y --no-install-recommends virtuoso-opensource >/dev/null; } \
    || echo "virtuoso: could not install; the Virtuoso tests will be skipped"
fi

if command -v virtuoso-t >/dev/null 2>&1; then
  if command -v service >/dev/null 2>&1 && [ -x /etc/init.d/virtuoso-opensource-7 ]; then
    service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
  fi
  echo "virtuoso: $(virtuoso-t -? 2>&1 | sed -n 2p)"
fi
exit 0
