#!/bin/sh
# Install Debian's Chromium for the browser tests (tests/browser, marker "browser").
# Idempotent: does nothing when /usr/bin/chromium exists. Never runs `playwright install`
# (that downloads a browser from the internet); Playwright drives this Chromium instead.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Try with the package lists already present; refresh them only when that fails.
if ! $SUDO apt-get install -y --no-install-recommends chromium; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends chromium
fi

"$CHROMIUM" --version
