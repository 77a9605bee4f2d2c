#!/usr/bin/env bash
# Images/s through decode + augmentation, Java against a PyTorch DataLoader, in one session (issue 15):
#
#   bench/data-throughput.sh [COUNT] [BATCHES]      (defaults 2000 and 20; smoke run: bench/data-throughput.sh 40 2)
#
# Generates COUNT seeded JPEGs (bench/MakeImages.java: 160x120, 320x240, 640x480) and runs, over the
# same files, with 1 and 2 workers:
#   pretext data throughput configs/simclr-image-folder.yaml --set data.path=DIR --workers 1,2 --batches BATCHES
#   /usr/bin/python3 bench/peers/dataloader_throughput.py DIR --workers 1 2 --batches BATCHES --batch-size B --views V
# Both sides use the augmentation of configs/simclr-image-folder.yaml (RandomResizedCrop 96, scale
# 0.08-1, flip, colour jitter 0.4/0.4/0.4/0.1 p 0.8, grayscale p 0.2, Gaussian blur p 0.5, normalize),
# the same number of views per image (read from the Java output: 2 for SimCLR) and the same batch
# size, and count source images per second after one warm-up batch per worker; use 20 batches or
# more (COUNT >= 2000) for a steady rate. With COUNT below the config's
# batch size of 128, both sides use batches of COUNT/4. PRETEXT overrides the command (default
# ./pretext), PYTHON the interpreter (default /usr/bin/python3).
# Results: bench/results/<time>-data-throughput/ (summary.md and each side's output).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pretext="${PRETEXT:-$root/pretext}"
python="${PYTHON:-/usr/bin/python3}"
count="${1:-2000}"
batches="${2:-20}"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-data-throughput"
mkdir -p "$out"
java "$root/bench/MakeImages.java" "$out/images" "$count" 0 1
batch=128
[ "$count" -lt $((2 * batch)) ] && batch=$(( count / 4 > 0 ? count / 4 : 1 ))

PRETEXT_DATA_CACHE="$out/cache" "$pretext" data throughput "$root/configs/simclr-image-folder.yaml" \
    --set data.path="$out/images" --set train.batch-size="$batch" --workers 1,2 --batches "$batches" \
    > "$out/java.out" 2> "$out/java.err"
cat "$out/java.out"
views=$(sed -n 's/.*: \([0-9]*\) view(s) per image.*/\1/p' "$out/java.out" | head -1)

rate() { # FILE WORKERS -> images/s from a "workers N: X images/s" line, or empty
  sed -n "s/^workers $2: \([0-9.]*\) images\/s.*/\1/p" "$1" | head -1
}
peer_note=""
if "$python" -c 'import torch, torchvision' > "$out/python-import.err" 2>&1; then
  "$python" "$root/bench/peers/dataloader_throughput.py" "$out/images" --workers 1 2 --batches "$batches" \
      --batch-size "$batch" --views "${views:-2}" > "$out/python.out" 2> "$out/python.err" \
      || peer_note="the PyTorch peer failed: $(tail -1 "$out/python.err")"
  cat "$out/python.out"
else
  peer_note="PyTorch not available to $python: $(tail -1 "$out/python-import.err")"
  : > "$out/python.out"
fi

{
  echo "# Data throughput: decode + augmentation, Java against PyTorch"
  echo
  echo "Machine: $(lscpu | grep -m1 'Model name' | sed 's/.*: *//'), $(nproc) cores."
  echo "$count JPEGs (160x120, 320x240, 640x480), batches of $batch images, ${views:-?} view(s) per image, 96x96"
  echo "SimCLR augmentation; images/s counts source images (each gives ${views:-?} views), after one warm-up batch per"
  echo "worker, over $batches batches."
  echo
  echo "| workers | Java images/s | PyTorch images/s | Java/PyTorch |"
  echo "|---|---|---|---|"
  for w in 1 2; do
    j=$(rate "$out/java.out" "$w")
    p=$(rate "$out/python.out" "$w")
    ratio=$(awk -v j="$j" -v p="$p" 'BEGIN { if (j != "" && p != "" && p > 0) printf "%.2f", j / p; else print "-" }')
    echo "| $w | ${j:--} | ${p:--} | $ratio |"
  done
  echo
  [ -n "$peer_note" ] && echo "$peer_note" && echo
  echo "Command: bench/data-throughput.sh $count $batches"
} > "$out/summary.md"
cat "$out/summary.md"
