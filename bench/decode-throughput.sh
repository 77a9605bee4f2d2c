#!/usr/bin/env bash
# JPEG decode per core, the JDK's ImageIO reader against TwelveMonkeys' (issue 15):
#   bench/decode-throughput.sh [COUNT] [ROUNDS]     (defaults 600 and 5)
# Generates COUNT seeded JPEGs (bench/MakeImages.java: 160x120, 320x240, 640x480) in a temporary
# folder and runs bench/DecodeThroughput.java on them with the TwelveMonkeys jars from ~/.m2.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-600}"
rounds="${2:-5}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
java "$root/bench/MakeImages.java" "$dir" "$count" 0 1
cp="$(find "${HOME}/.m2/repository/com/twelvemonkeys" -name '*-3.14.0.jar' | paste -sd:)"
lscpu | grep -m1 'Model name' || true
java -cp "$cp" "$root/bench/DecodeThroughput.java" "$dir" "$rounds"
