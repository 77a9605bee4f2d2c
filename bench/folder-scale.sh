#!/usr/bin/env bash
# Image folders at scale (issue 15): peak RSS of a 200-step pretraining and the time to the first
# step (uncached and cached file index), for each folder size N given, and the same with shards.
#
#   bench/folder-scale.sh [N...]        (default: 10000 200000)
#
# The folders hold N paths over 1,000 distinct seeded JPEGs (bench/MakeImages.java, 160x120 to
# 640x480, 4 classes), the rest hard links to them: the index, the cache and the data order see N
# files, while generating them stays cheap. The run is RotNet on resnet-mini(8) at 32x32, batch 64,
# 2 threads, 2 workers (the model is small so that 200 steps stay short; memory comes from the data
# side). Reported per N: the command's wall time, the data stage from report.md, peak RSS from
# metrics.jsonl, and the share of step time spent waiting for data from the log.
# PRETEXT overrides the command (default: ./pretext). Results: bench/results/<time>-folder-scale/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pretext="${PRETEXT:-$root/pretext}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 200000)
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-folder-scale"
mkdir -p "$out"
java "$root/bench/MakeImages.java" "$out/base" 1000 4

fan_out() { # N DIR: N paths, class-k/img-i.jpg, hard links to the base images
  python3 - "$1" "$2" "$out/base" <<'PY'
import os, sys
n, dst, base = int(sys.argv[1]), sys.argv[2], sys.argv[3]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(base) for f in fs if f.endswith(".jpg"))
for c in range(4):
    os.makedirs(os.path.join(dst, "class-%d" % c), exist_ok=True)
for i in range(n):
    os.link(files[i % len(files)], os.path.join(dst, "class-%d" % (i % 4), "img-%d.jpg" % i))
PY
}
config() { # NAME DATA_LINE
  cat > "$out/$1.yaml" <<YAML
data: $2
pretext: {name: rotnet}
encoder: {name: resnet-mini, width: 8}
train: {epochs: 1, batch-size: 64, learning-rate: 0.001, threads: 2, workers: 2}
output: {dir: $out/runs}
YAML
}
run() { # NAME CONFIG STEPS -> "wall data-stage peak-rss-MiB wait%"
  local s e
  s=$(date +%s.%N)
  PRETEXT_DATA_CACHE="$out/cache" "$pretext" pretrain "$2" --run-dir "$out/runs/$1" --overwrite --no-progress \
      --set train.max-steps="$3" > "$out/$1.out" 2>&1
  e=$(date +%s.%N)
  local wall stage rss wait
  wall=$(awk -v a="$s" -v b="$e" 'BEGIN {printf "%.1f s", b - a}')
  stage=$(grep -m1 '^| data |' "$out/runs/$1/report.md" | cut -d'|' -f3 | xargs || true)
  rss=$(grep -o '"peak_rss_bytes":[0-9]*' "$out/runs/$1/metrics.jsonl" | tail -1 | cut -d: -f2 \
      | awk '{printf "%.0f MiB", $1 / 1048576}')
  wait=$(grep -o '[0-9.]*% of the time waiting for data' "$out/$1.out" | tail -1 | cut -d' ' -f1)
  echo "| $1 | $wall | $stage | $rss | $wait |"
}
{
  echo "# Image folders at scale, $(nproc) cores, $(lscpu | grep -m1 'Model name' | sed 's/.*: *//')"
  echo
  echo "| run | command wall | data stage | peak RSS | data wait |"
  echo "|---|---|---|---|---|"
} > "$out/summary.md"
for n in "${sizes[@]}"; do
  fan_out "$n" "$out/images-$n"
  config "folder-$n" "{name: image-folder, path: $out/images-$n, height: 32, width: 32, channels: 3}"
  run "folder-$n-200steps-uncached" "$out/folder-$n.yaml" 200 >> "$out/summary.md"
  run "folder-$n-1step-cached" "$out/folder-$n.yaml" 1 >> "$out/summary.md"
  "$pretext" data shard "$out/images-$n" --out "$out/shards-$n" --shard-size 10000 > "$out/shard-$n.out"
  config "shards-$n" "{name: image-shards, path: $out/shards-$n, height: 32, width: 32, channels: 3}"
  run "shards-$n-200steps" "$out/shards-$n.yaml" 200 >> "$out/summary.md"
  run "shards-$n-1step" "$out/shards-$n.yaml" 1 >> "$out/summary.md"
done
echo "Command: bench/folder-scale.sh ${sizes[*]}" >> "$out/summary.md"
cat "$out/summary.md"
