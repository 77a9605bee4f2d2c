#!/usr/bin/env bash
# 'pretext embed' throughput on the 10,000 Fashion-MNIST test images, with the time split into
# decode (reading the gzipped IDX file), preprocessing (normalize + batching) and inference (ONNX
# Runtime), for 1 and 2 ONNX Runtime threads, batch 256, on the CPU.
#
#   bench/onnx-embed.sh RUN_DIR [REPEATS]      (REPEATS default 5; medians are reported)
#
# RUN_DIR is a finished run with export/encoder.onnx (e.g. the quick start, which exports; or
# 'pretext export RUN_DIR'). PRETEXT overrides the command (default: ./pretext).
# Results go to bench/results/<time>-embed/summary.md; copy the figures into BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${1:?usage: bench/onnx-embed.sh RUN_DIR [REPEATS]}"
repeats="${2:-5}"
pretext="${PRETEXT:-$root/pretext}"
images="${FMNIST_TEST:-/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz}"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-embed"
mkdir -p "$out"
summary="$out/summary.md"
{
  echo "# embed benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- model: $run/export/encoder.onnx; input: $images"
  echo "- command: $pretext embed --model ... --input ... --out ... --device cpu --batch 256 --threads T; $repeats runs each, medians"
  echo
  echo "| threads | images/s | total s | decode s | preprocessing s | inference s |"
  echo "|---:|---:|---:|---:|---:|---:|"
} > "$summary"

for threads in 1 2; do
  for i in $(seq "$repeats"); do
    $pretext embed --model "$run/export/encoder.onnx" --input "$images" --out "$out/emb.npy" \
      --device cpu --batch 256 --threads "$threads" > "$out/t$threads-$i.log" 2>&1
  done
  /usr/bin/python3 - "$threads" "$out"/t"$threads"-*.log >> "$summary" <<'PY'
import re, statistics, sys
rows = []
for f in sys.argv[2:]:
    m = re.search(r"(\d+) samples/s; time ([\d.]+) s = decode ([\d.]+) s \+ preprocessing ([\d.]+) s \+ inference ([\d.]+) s",
                  open(f).read())
    rows.append([float(x) for x in m.groups()])
med = [statistics.median(c) for c in zip(*rows)]
print(f"| {sys.argv[1]} | {med[0]:.0f} | {med[1]:.2f} | {med[2]:.2f} | {med[3]:.2f} | {med[4]:.2f} |")
PY
done
cat "$summary"
