#!/usr/bin/env bash
# Every image method on the Fashion-MNIST protocol (issue 13): each configs/<method>-fashion-mnist.yaml
# is run under the same pretraining wall-clock budget and evaluated with the evaluators that read the
# pretrained encoder (linear probe, kNN, fine-tune); the baselines, which do not read it (from
# scratch, raw pixels, random-init probe), run once in a run of their own. Then 'pretext compare'
# renders the table (method x evaluator, the baselines once, 100/600/6000 labels, pretraining time,
# median step, peak RSS).
#
#   bench/methods-fmnist.sh
#
# The baseline run is BASELINE_CONFIG with one pretraining step (train.max-steps=1: the run needs an
# encoder directory, and no baseline reads its weights) and downstream.evaluators set to the
# baselines. Fine-tune and from-scratch share one recipe, E2E_RECIPE with FT_STEPS steps (that of
# configs/simclr-fashion-mnist.yaml), so that their rows differ in the initialisation alone.
#
# Environment (all optional):
#   METHODS      methods to run, space-separated (default: every image method; a method whose config
#                file does not exist is skipped with a note)
#   MAX_MINUTES  pretraining budget per method, train.max-minutes (default 15). Each config's train.epochs
#                is what fits in 15 minutes on this project's 2-core machine, so that the schedules run to
#                their end and the accuracies do not depend on the machine's load; the cap stops a slower
#                machine at the budget (the cost table then shows fewer epochs)
#   LABELS       downstream.labels as YAML (default: the configs' own, [100, 600, 6000])
#   SUBSET_SEEDS downstream.subset-seeds for the frozen-feature evaluators (default [0, 1, 2])
#   E2E_SEEDS    downstream.end-to-end-seeds for fine-tune / from-scratch (default [0])
#   THREADS      train.threads (default 2, the protocol's 2 cores)
#   FT_STEPS     steps of fine-tune and of the from-scratch baseline (default 1500, the configs' own)
#   E2E_RECIPE   the rest of their shared recipe, YAML map entries
#                (default "batch-size: 128, learning-rate: 0.001, flip: true, translate: 2")
#   EVALUATORS   each method's downstream.evaluators, a YAML list (default: linear-probe, knn and
#                fine-tune with the recipe above)
#   BASELINES    the baseline run's downstream.evaluators, a YAML list (default: from-scratch with the
#                recipe above, random-init-probe, raw-pixels-logreg, raw-pixels-knn); "none" skips the run
#   BASELINE_CONFIG  the config the baselines run with (default configs/simclr-fashion-mnist.yaml: the
#                protocol's encoder and preprocessing)
#   EXTRA_SET    more --set overrides for every run, space-separated KEY=VALUE (e.g. for a smoke test)
# Results go to bench/results/methods-<time>/: one run directory and log per method and for the
# baselines (baselines/, baselines.log), commands.txt
# (every command as run), comparison.md / comparison.png and summary.md (machine, budget, table).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
methods="${METHODS:-simclr simsiam barlow-twins vicreg byol moco dino rotnet jigsaw context}"
max_minutes="${MAX_MINUTES:-15}"
subset_seeds="${SUBSET_SEEDS:-[0, 1, 2]}"
e2e_seeds="${E2E_SEEDS:-[0]}"
threads="${THREADS:-2}"
ft_steps="${FT_STEPS:-1500}"
e2e_recipe="${E2E_RECIPE:-batch-size: 128, learning-rate: 0.001, flip: true, translate: 2}"
fine_tune="{name: fine-tune, steps: $ft_steps, $e2e_recipe}"
from_scratch="{name: from-scratch, steps: $ft_steps, $e2e_recipe}"
evaluators="${EVALUATORS:-"[linear-probe, knn, $fine_tune]"}"
baselines="${BASELINES:-"[$from_scratch, random-init-probe, raw-pixels-logreg, raw-pixels-knn]"}"
baseline_config="${BASELINE_CONFIG:-$root/configs/simclr-fashion-mnist.yaml}"
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
  echo "- each method's evaluators: $evaluators"
  echo "- baselines, run once ($(basename "$baseline_config"), one pretraining step, unread): $baselines"
  if [[ -n "${LABELS:-}" ]]; then echo "- labels: $LABELS"; fi
  if [[ -n "${EXTRA_SET:-}" ]]; then echo "- extra overrides: $EXTRA_SET"; fi
} > "$summary"

runs=()
skipped=()

# one run: NAME CONFIG EXTRA_ARGS... ; appends the run directory to runs on success
run_one() {
  local name="$1" config="$2"
  shift 2
  local sets=(--set "train.threads=$threads"
        --set "downstream.subset-seeds=$subset_seeds" --set "downstream.end-to-end-seeds=$e2e_seeds")
  if [[ -n "${LABELS:-}" ]]; then sets+=(--set "downstream.labels=$LABELS"); fi
  for s in ${EXTRA_SET:-}; do sets+=(--set "$s"); done
  local cmd=("$root/pretext" run "$config" --no-progress --run-dir "$out/$name" "${sets[@]}" "$@")
  printf '%q ' "${cmd[@]}" >> "$commands"
  echo >> "$commands"
  echo "run $name ..." >&2
  local rc=0
  "${cmd[@]}" > "$out/$name.log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    runs+=("$out/$name")
  else
    echo "FAILED $name (exit $rc): see $out/$name.log" >&2
    skipped+=("$name (failed, see $name.log)")
  fi
}

for method in $methods; do
  config="$root/configs/$method-fashion-mnist.yaml"
  if [[ ! -f "$config" ]]; then
    skipped+=("$method")
    echo "skip $method: no $config" >&2
    continue
  fi
  run_one "$method" "$config" --set "train.max-minutes=$max_minutes" --set "downstream.evaluators=$evaluators"
done
if [[ "$baselines" != none ]]; then
  run_one baselines "$baseline_config" --set "train.max-steps=1" --set "train.monitor-samples=0" \
    --set "downstream.evaluators=$baselines"
fi

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
