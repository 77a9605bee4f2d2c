#!/usr/bin/env bash
# What checkpoints cost per step in the protocol run (configs/simclr-fashion-mnist.yaml): pretraining
# for STEPS steps with a checkpoint after every step, and with none, side by side, REPEATS times each.
# A checkpoint's time is measured two ways: directly, the median of the "written in X ms" lines the
# checkpoint store logs (robust on a shared machine), and as the difference of the pretraining wall
# times (train-summary wall_s) over STEPS (noisy when other work shares the cores). Its cost per
# step is the direct time divided by the config's checkpoint-every, as a share of the median step time.
#
#   bench/checkpoint-cost.sh [STEPS] [REPEATS]      (defaults 40 and 3; medians are reported)
#
# PRETEXT overrides the command (default: ./pretext). Results go to
# bench/results/<time>-checkpoint/summary.md; copy the figures into BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps="${1:-40}"
repeats="${2:-3}"
pretext="${PRETEXT:-$root/pretext}"
config="$root/configs/simclr-fashion-mnist.yaml"
every="$(grep -m1 'checkpoint-every:' "$config" | sed 's/.*: *//')"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-checkpoint"
mkdir -p "$out"
summary="$out/summary.md"

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
field() { grep '"stream":"train-summary"' "$1/metrics.jsonl" | sed -E "s/.*\"$2\":([0-9.eE+-]+).*/\1/"; }

for i in $(seq 1 "$repeats"); do
  for mode in every none; do
    n=$([ "$mode" = every ] && echo 1 || echo 0)
    dir="$out/$mode-$i"
    "$pretext" pretrain "$config" --run-dir "$dir" --no-progress \
      --set train.max-steps="$steps" --set train.checkpoint-every="$n" > "$dir.out" 2>&1
    echo "$(field "$dir" wall_s) $(field "$dir" median_step_ms)" >> "$out/$mode.txt"
  done
done
wall_every="$(cut -d' ' -f1 "$out/every.txt" | median)"
wall_none="$(cut -d' ' -f1 "$out/none.txt" | median)"
step_ms="$(cut -d' ' -f2 "$out/none.txt" | median)"
ckpt_ms="$(awk -v a="$wall_every" -v b="$wall_none" -v s="$steps" 'BEGIN {printf "%.1f", (a - b) * 1000 / s}')"
direct_ms="$(cat "$out"/every-*/logs/run.log | sed -nE 's/.*checkpoint .* written in ([0-9.]+) ms.*/\1/p' | median)"
share="$(awk -v c="$direct_ms" -v e="$every" -v m="$step_ms" 'BEGIN {printf "%.3f", 100 * c / e / m}')"
{
  echo "# checkpoint cost, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: $pretext pretrain configs/simclr-fashion-mnist.yaml --set train.max-steps=$steps --set train.checkpoint-every=1 (and =0); $repeats runs each, medians"
  echo
  echo "| median wall, a checkpoint every step | median wall, none | one checkpoint (wall difference) | one checkpoint (logged, median) | median step | checkpoint-every | cost per step |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  echo "| ${wall_every} s | ${wall_none} s | ${ckpt_ms} ms | ${direct_ms} ms | ${step_ms} ms | ${every} | ${share}% |"
} > "$summary"
cat "$summary"
