#!/usr/bin/env bash
# ONNX Runtime against DJL (PyTorch) on the CPU, for the exported resnet-mini(16) (1x28x28) and the
# transformer text encoder (sequence 48): batch-1 latency and batch-64 throughput, same threads
# for both, warm-up excluded (InferenceBenchmark in framework-core's tests says how).
#
#   bench/onnx-inference.sh [threads=2] [extra InferenceBenchmark arguments, e.g. calls=500 opt=extended]
#
# Results go to bench/results/<time>/onnx-inference.md; copy the figures into BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${1:-2}"
shift || true
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
cd "$root"
mvn -q -o -pl framework-core -am test-compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" > "$out/build.log"
cp="framework-core/target/test-classes:framework-core/target/classes:framework-api/target/classes:$(cat "$out/cp.txt")"
summary="$out/onnx-inference.md"
{
  echo "# ONNX Runtime vs DJL inference, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows DJL's OpenMP threads most)"
  echo
  echo "| model | threads | ORT graph opt | DJL batch-1 ms | ORT batch-1 ms | ORT/DJL latency | DJL batch-64 samples/s | ORT batch-64 samples/s | ORT/DJL throughput |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$summary"
for model in resnet-mini transformer; do
  # -Xss8m: ONNX Runtime's native start-up needs more than the default 1 MiB main-thread stack (see LargeStack).
  java -Xss8m -cp "$cp" io.pretext.core.onnx.bench.InferenceBenchmark model="$model" threads="$threads" "$@" \
    2> "$out/$model.log" | tee -a "$summary"
done
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
echo "results: $summary"
