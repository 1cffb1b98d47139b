#!/usr/bin/env bash
# Installs the Debian packages Secateur Studio builds and runs with; with --test also the tools
# only the tests use. Idempotent; fast when all are present.
set -euo pipefail
packages=(
    build-essential cmake ninja-build
    libtorch-dev python3-torch
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev libqcustomplot-dev libqcustomplot2.1-qt6
    libgtest-dev nlohmann-json3-dev libcli11-dev help2man libsndfile1-dev libsamplerate0-dev libonnx-dev
    libcurl4-openssl-dev libssl-dev zlib1g-dev
    xvfb
)
if [ "${1:-}" = "--test" ]; then
    # desktop-file-validate, appstreamcli and update-mime-database check resources/.
    packages+=(desktop-file-utils appstream shared-mime-info)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
