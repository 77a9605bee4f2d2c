#!/usr/bin/env bash
# Every image method on the Fashion-MNIST protocol (issue 13): each configs/<method>-fashion-mnist.yaml
# is run under the same pretraining wall-clock budget, then 'pretext compare' renders the table
# (method x evaluator, baselines once, 100/600/6000 labels, pretraining time, median step, peak RSS).
#
#   bench/methods-fmnist.sh
#
# Environment (all optional):
#   METHODS      methods to run, space-separated (default: every image method; a method whose config
#                file does not exist is skipped with a note)
#   MAX_MINUTES  pretraining budget per method, train.max-minutes (default 15)
#   LABELS       downstream.labels as YAML (default: the configs' own, [100, 600, 6000])
#   SUBSET_SEEDS downstream.subset-seeds for the frozen-feature evaluators (default [0, 1, 2])
#   E2E_SEEDS    downstream.end-to-end-seeds for fine-tune / from-scratch (default [0])
#   THREADS      train.threads (default 2, the protocol's 2 cores)
#   EXTRA_SET    more --set overrides for every run, space-separated KEY=VALUE (e.g. for a smoke test)
# Results go to bench/results/methods-<time>/: one run directory and log per method, commands.txt
# (every command as run), comparison.md / comparison.png and summary.md (machine, budget, table).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
methods="${METHODS:-simclr simsiam barlow-twins vicreg byol moco dino rotnet jigsaw context}"
max_minutes="${MAX_MINUTES:-15}"
subset_seeds="${SUBSET_SEEDS:-[0, 1, 2]}"
e2e_seeds="${E2E_SEEDS:-[0]}"
threads="${THREADS:-2}"
out="$root/bench/results/methods-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
summary="$out/summary.md"
commands="$out/commands.txt"
: > "$commands"
{
  echo "# Image methods on Fashion-MNIST, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- budget: train.max-minutes=$max_minutes per method, train.threads=$threads"
  echo "- subset seeds: frozen-feature evaluators $subset_seeds, end-to-end $e2e_seeds"
  if [[ -n "${LABELS:-}" ]]; then echo "- labels: $LABELS"; fi
  if [[ -n "${EXTRA_SET:-}" ]]; then echo "- extra overrides: $EXTRA_SET"; fi
} > "$summary"

runs=()
skipped=()
for method in $methods; do
  config="$root/configs/$method-fashion-mnist.yaml"
  if [[ ! -f "$config" ]]; then
    skipped+=("$method")
    echo "skip $method: no $config" >&2
    continue
  fi
  sets=(--set "train.max-minutes=$max_minutes" --set "train.threads=$threads"
        --set "downstream.subset-seeds=$subset_seeds" --set "downstream.end-to-end-seeds=$e2e_seeds")
  if [[ -n "${LABELS:-}" ]]; then sets+=(--set "downstream.labels=$LABELS"); fi
  for s in ${EXTRA_SET:-}; do sets+=(--set "$s"); done
  cmd=("$root/pretext" run "$config" --no-progress --run-dir "$out/$method" "${sets[@]}")
  printf '%q ' "${cmd[@]}" >> "$commands"
  echo >> "$commands"
  echo "run $method ..." >&2
  rc=0
  "${cmd[@]}" > "$out/$method.log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    runs+=("$out/$method")
  else
    echo "FAILED $method (exit $rc): see $out/$method.log" >&2
    skipped+=("$method (failed, see $method.log)")
  fi
done

if [[ ${#runs[@]} -eq 0 ]]; then
  echo "no method ran" | tee -a "$summary" >&2
  exit 1
fi
cmp=("$root/pretext" compare "${runs[@]}" --out "$out")
printf '%q ' "${cmp[@]}" >> "$commands"
echo >> "$commands"
"${cmp[@]}" > "$out/compare.log" 2>&1
{
  echo
  if [[ ${#skipped[@]} -gt 0 ]]; then echo "- not run: ${skipped[*]}"; echo; fi
  sed -n '/^| method | evaluator/,/^written: /p' "$out/compare.log" | grep -v '^written: '
  echo
  echo "Commands: commands.txt. Per-run reports: <method>/report.md."
} >> "$summary"
cat "$summary"
