#!/usr/bin/env bash
# The data wait as a share of step time for resnet18 at 96x96 (issue 15):
#
#   bench/data-wait-resnet18.sh [COUNT] [STEPS]      (defaults 2000 and 8; smoke run: bench/data-wait-resnet18.sh 40 2)
#
# Generates COUNT seeded JPEGs (bench/MakeImages.java: 160x120, 320x240, 640x480), then runs
#   pretext pretrain configs/simclr-image-folder.yaml --set data.path=DIR --set train.max-steps=STEPS
# (SimCLR, resnet18 at 96x96, batch 128, train.threads 2 and train.workers 2 as in the config; with
# COUNT below 256 the batch is COUNT/4) and reports from its metrics.jsonl: the median step time
# (compute only, step_ms), the median wait for the next batch (wait_ms), the wait's share of step
# time after the first step (sum of wait over sum of wait + step, steps 2..STEPS: the first includes
# the pipeline's start), and the summary line's data_wait_fraction (the whole run, as the log's
# "% of the time waiting for data"). Then the decode ceiling with the same workers,
#   pretext data throughput configs/simclr-image-folder.yaml --set data.path=DIR --workers 2
# against the training step rate (batch / median step time): where the ceiling is lower, the data
# is the bottleneck and the ceiling is the figure to report.
# PRETEXT overrides the command (default ./pretext); PRETEXT_JAVA_OPTS its JVM options.
# Results: bench/results/<time>-data-wait-resnet18/ (summary.md, the run and the command outputs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pretext="${PRETEXT:-$root/pretext}"
count="${1:-2000}"
steps="${2:-8}"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-data-wait-resnet18"
mkdir -p "$out"
java "$root/bench/MakeImages.java" "$out/images" "$count" 0 1
batch=128
[ "$count" -lt $((2 * batch)) ] && batch=$(( count / 4 > 0 ? count / 4 : 1 ))
config="$root/configs/simclr-image-folder.yaml"
sets=(--set data.path="$out/images" --set train.batch-size="$batch")

s=$(date +%s.%N)
PRETEXT_DATA_CACHE="$out/cache" "$pretext" pretrain "$config" "${sets[@]}" --set train.max-steps="$steps" \
    --run-dir "$out/run" --no-progress > "$out/pretrain.out" 2>&1
e=$(date +%s.%N)
wall=$(awk -v a="$s" -v b="$e" 'BEGIN {printf "%.1f", b - a}')
logged=$(grep -o '[0-9.]*% of the time waiting for data' "$out/pretrain.out" | tail -1 | cut -d'%' -f1)

figures=$(python3 - "$out/run/metrics.jsonl" <<'PY'
import json, statistics, sys
steps, summary = [], None
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("stream") == "train":
        steps.append(r)
    elif r.get("stream") == "train-summary":
        summary = r
step = [r["step_ms"] for r in steps]
wait = [r["wait_ms"] for r in steps]
later = steps[1:] or steps
share = sum(r["wait_ms"] for r in later) / sum(r["wait_ms"] + r["step_ms"] for r in later)
print("%.1f %.1f %.1f %.1f %d" % (statistics.median(step), statistics.median(wait), 100 * share,
                                  100 * summary["data_wait_fraction"], len(steps)))
PY
)
read -r median_step median_wait share_after_first share_run counted <<< "$figures"

PRETEXT_DATA_CACHE="$out/cache" "$pretext" data throughput "$config" "${sets[@]}" --workers 2 \
    --batches "$(( steps > 4 ? steps : 4 ))" > "$out/throughput.out" 2> "$out/throughput.err"
ceiling=$(sed -n 's/^workers 2: \([0-9.]*\) images\/s.*/\1/p' "$out/throughput.out" | head -1)
step_rate=$(awk -v b="$batch" -v m="$median_step" 'BEGIN {printf "%.1f", 1000 * b / m}')
verdict=$(awk -v c="$ceiling" -v r="$step_rate" 'BEGIN {
  if (c + 0 < r + 0) printf "the decode ceiling (%.1f images/s) is lower than the step rate: the data is the bottleneck", c;
  else printf "the decode ceiling (%.1f images/s) is above the step rate: the model is the bottleneck", c }')

{
  echo "# Data wait, SimCLR resnet18 at 96x96"
  echo
  echo "Machine: $(lscpu | grep -m1 'Model name' | sed 's/.*: *//'), $(nproc) cores."
  echo "$count JPEGs (160x120, 320x240, 640x480), batch $batch (2 views per image), $counted steps,"
  echo "train.threads 2, train.workers 2; command wall ${wall} s."
  echo
  echo "| median step (compute) | median data wait | wait share, steps 2.. | wait share, whole run (log) | step rate | decode ceiling, 2 workers |"
  echo "|---|---|---|---|---|---|"
  echo "| ${median_step} ms | ${median_wait} ms | ${share_after_first}% | ${share_run}% (${logged:-?}%) | ${step_rate} images/s | ${ceiling:--} images/s |"
  echo
  echo "Target: a data wait of at most 5% of step time; $verdict."
  echo
  echo "Command: bench/data-wait-resnet18.sh $count $steps"
} > "$out/summary.md"
cat "$out/summary.md"
