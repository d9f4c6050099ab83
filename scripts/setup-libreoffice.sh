#!/bin/sh
# Install Debian's LibreOffice Calc for the workbook round-trip tests (tests/questionnaire:
# `soffice --headless --convert-to xlsx` must open the questionnaire template and a
# collected inventory). Idempotent: does nothing when soffice is already there.
set -eu

if command -v soffice >/dev/null 2>&1; then
    echo "soffice: $(soffice --version 2>/dev/null | head -n 1 || echo present)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Try with the package lists already present; refresh them only when that fails.
if ! $SUDO apt-get install -y --no-install-recommends libreoffice-calc; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends libreoffice-calc
fi

soffice --version
