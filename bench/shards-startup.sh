#!/usr/bin/env bash
# Time to the first training step: image-folder against image-shards, on N generated JPEGs
# (bench/MakeImages.java: sizes 160x120 to 640x480, 4 classes). Each run is `pretext pretrain`
# with train.max-steps=1 (resnet-mini on 32x32 RotNet, batch 64), timed from the command's start
# to its end (JVM start, data loading, the one step), with the run's own data-stage time (index or
# tar header scan) from its report.md. Shards are written once beforehand with
# `pretext data shard` (its time is reported too).
#
#   bench/shards-startup.sh [N] [SHARD_SIZE]      (defaults 5000 and 1000)
#
# PRETEXT overrides the command (default: ./pretext). Results: bench/results/<time>-shards/summary.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-5000}"
shard_size="${2:-1000}"
pretext="${PRETEXT:-$root/pretext}"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-shards"
mkdir -p "$out"
images="$out/images"
export PRETEXT_DATA_CACHE="${PRETEXT_DATA_CACHE:-$out/cache}" # the folder index starts uncached
java "$root/bench/MakeImages.java" "$images" "$n" 4
t0=$(date +%s.%N)
"$pretext" data shard "$images" --out "$out/shards" --shard-size "$shard_size" > "$out/shard.out"
t1=$(date +%s.%N)
shard_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')

cat > "$out/folder.yaml" <<YAML
data: {name: image-folder, path: $images, height: 32, width: 32, channels: 3}
pretext: {name: rotnet}
encoder: {name: resnet-mini, width: 8}
train: {epochs: 1, batch-size: 64, learning-rate: 0.001, threads: 2, workers: 2}
output: {dir: $out/runs}
YAML
sed "s#name: image-folder, path: $images#name: image-shards, path: $out/shards#" "$out/folder.yaml" > "$out/shards.yaml"

run() { # name config -> seconds
  local s e
  s=$(date +%s.%N)
  "$pretext" pretrain "$2" --run-dir "$out/runs/$1" --no-progress --set train.max-steps=1 > "$out/$1.out" 2>&1
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN {printf "%.1f", b - a}'
}
stage() { grep -m1 '^| data |' "$out/runs/$1/report.md" | cut -d'|' -f3 | xargs; }
folder_s=$(run folder "$out/folder.yaml")
shards_s=$(run shards "$out/shards.yaml")
{
  echo "# Time to the first training step, $n JPEGs (160x120..640x480), $(nproc) cores"
  echo
  echo "| source | command wall (s) | data stage (report.md) |"
  echo "|---|---|---|"
  echo "| image-folder (uncached index) | $folder_s | $(stage folder) |"
  echo "| image-shards (shard size $shard_size) | $shards_s | $(stage shards) |"
  echo
  echo "Writing the shards: ${shard_s} s ($(cat "$out/shard.out"))."
  echo "Command: bench/shards-startup.sh $n $shard_size"
} > "$out/summary.md"
cat "$out/summary.md"
