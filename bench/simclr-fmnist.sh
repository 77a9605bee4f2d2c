#!/usr/bin/env bash
# The Fashion-MNIST SimCLR benchmark of PROTOCOL.md, side by side with the PyTorch reference.
#
#   bench/simclr-fmnist.sh [step|full|all]      (default: all)
#
# step: pretraining step time, ours (the real pipeline: background augmentation, resnet-mini(16),
#       batch 256 = 512 views, 2 threads; median of steps 21..120) and the reference's bench_step.py
#       (median of 100 steps after 20 warm-up), one after the other in the same session.
# full: the whole protocol (12 epochs, 100/600/6000 labels) through 'pretext run', under
#       /usr/bin/time -v for the peak RSS.
# Results go to bench/results/<time>/ (summary.md there); copy the figures into BENCHMARKS.md.
# The reference needs Debian's python3-torch and dataset-fashion-mnist (see shared/peers/README.md);
# PEER_DIR points at it (default ../shared/peers/fmnist-simclr beside the repository).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
what="${1:-all}"
peer="${PEER_DIR:-$root/../shared/peers/fmnist-simclr}"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
summary="$out/summary.md"
{
  echo "# SimCLR Fashion-MNIST benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "- java: $(java -version 2>&1 | head -1)"
} > "$summary"

median_step_ms() {  # metrics.jsonl -> median step_ms of train steps 21..120
  /usr/bin/python3 - "$1" <<'PY'
import json, statistics, sys
ms = [r["step_ms"] for r in map(json.loads, open(sys.argv[1])) if r.get("stream") == "train" and 21 <= r["step"] <= 120]
print(f"{statistics.median(ms):.1f} {len(ms)}")
PY
}

if [[ "$what" == step || "$what" == all ]]; then
  "$root/pretext" pretrain "$root/configs/simclr-fashion-mnist.yaml" --no-progress --run-dir "$out/step-ours" \
    --set train.max-steps=120 --set train.log-every=10 --set train.checkpoint-every=0 > "$out/step-ours.log" 2>&1
  read -r ours n < <(median_step_ms "$out/step-ours/metrics.jsonl")
  peer_ms="n/a"
  if [[ -f "$peer/bench_step.py" ]] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    (cd "$peer" && /usr/bin/python3 bench_step.py --widths 16 --channels_last 1 --threads 2 --warmup 20 --steps 100 \
        --out "$out/step-peer.json") > "$out/step-peer.log" 2>&1
    peer_ms=$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); r=d[0] if isinstance(d,list) else d; print(round(r.get('step_ms_median', r.get('median_ms', 0)),1))" "$out/step-peer.json" 2>/dev/null || echo "see step-peer.json")
  fi
  {
    echo
    echo "## Pretraining step (batch 256 images = 512 views, resnet-mini(16), 2 threads)"
    echo
    echo "| | median ms/step |"
    echo "|---|---|"
    echo "| Pretext (the pipeline with background augmentation; steps 21..120, $n steps) | $ours |"
    echo "| PyTorch reference (bench_step.py, channels-last, 20 warm-up + 100 steps) | $peer_ms |"
  } >> "$summary"
fi

if [[ "$what" == full || "$what" == all ]]; then
  /usr/bin/time -v "$root/pretext" run "$root/configs/simclr-fashion-mnist.yaml" --no-progress \
    --run-dir "$out/full" > "$out/full.log" 2> "$out/full.err"
  {
    echo
    echo "## Full protocol"
    echo
    echo "- peak RSS of the process: $(grep 'Maximum resident' "$out/full.err" | awk '{print $NF}') kB"
    echo "- wall: $(grep 'Elapsed (wall' "$out/full.err" | awk '{print $NF}')"
    echo
    sed -n '/^pretraining:/,$p' "$out/full.log"
  } >> "$summary"
fi
cat "$summary"
