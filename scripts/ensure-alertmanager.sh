#!/usr/bin/env bash
# Makes sure Debian's prometheus-alertmanager is installed, for the side-by-side reload
# benchmark (bench/reload). Prints the binary's path on success. Installing needs root;
# without it we print the exact command instead of guessing at sudo.
set -euo pipefail

BIN=/usr/bin/prometheus-alertmanager

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

INSTALL='apt-get update && apt-get install -y --no-install-recommends prometheus-alertmanager'

if [ "$(id -u)" -ne 0 ]; then
  echo "prometheus-alertmanager is not installed and installing it needs root. Run:" >&2
  echo "  sudo sh -c '$INSTALL'" >&2
  exit 1
fi

echo "installing prometheus-alertmanager (Debian package)..." >&2
# Quiet apt: the benchmark's own output is the table, not apt's progress. Other tools on
# this machine may hold the dpkg lock for a while: wait for it, bounded.
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends prometheus-alertmanager >&2

if [ ! -x "$BIN" ]; then
  echo "prometheus-alertmanager was installed but $BIN is missing; check 'dpkg -L prometheus-alertmanager'." >&2
  exit 1
fi
echo "$BIN"
