package io.pretext.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.spi.MaskedTokenPredictor.MaskedTokenScores;
import io.pretext.api.spi.MaskedTokenPredictor.Score;
import io.pretext.api.text.SpecialTokens;
import io.pretext.api.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Masked-token accuracy on held-out texts beside two count baselines fitted on the training texts,
 * all on the same positions (the benchmark protocol's "allmask" condition): in each held-out
 * sequence every ordinary token is selected with probability p by a generator seeded once, and
 * every selected token is replaced by [MASK]. Predictions are ranked over the ordinary tokens only.
 * <ul>
 *   <li>unigram: the most frequent training tokens, whatever the context;
 *   <li>bigram: the most frequent successors in training of the token before the position as the
 *       model sees it (backing off to unigram when that token is [MASK] or was never seen), filled
 *       up from the unigram ranking.
 * </ul>
 */
public final class MaskedTokenEvaluation {
  private static final int TOP = 5;
  private final Tokenizer tokenizer;
  private final double selectProbability;
  private final long seed;

  /**
   * @param tokenizer the run's tokenizer
   * @param selectProbability the share of ordinary tokens masked (0.15)
   * @param seed seeds the choice of positions
   */
  public MaskedTokenEvaluation(Tokenizer tokenizer, double selectProbability, long seed) {
    this.tokenizer = tokenizer;
    this.selectProbability = selectProbability;
    this.seed = seed;
  }

  /** Scores the model and the baselines on the held-out texts: the model, the bigram and the unigram baseline, in that order. */
  public MaskedTokenScores run(Block model, List<String> train, List<String> heldOut, int batchSize, NDManager manager) {
    int v = tokenizer.vocabularySize();
    long[] unigram = new long[v];
    Map<Integer, Map<Integer, Long>> successors = new HashMap<>();
    for (String text : train) {
      int[] ids = tokenizer.encode(text);
      for (int i = 1; i < ids.length; i++) {
        if (!SpecialTokens.isSpecial(ids[i])) {
          unigram[ids[i]]++;
          successors.computeIfAbsent(ids[i - 1], k -> new HashMap<>()).merge(ids[i], 1L, Long::sum);
        }
      }
    }
    Map<Integer, Long> unigramCounts = new HashMap<>();
    for (int id = 0; id < v; id++) {
      if (unigram[id] > 0) {
        unigramCounts.put(id, unigram[id]);
      }
    }
    int[] unigramTop = top(unigramCounts, new int[0]);
    Map<Integer, int[]> bigramTop = new HashMap<>();
    successors.forEach((prev, counts) -> bigramTop.put(prev, top(counts, unigramTop)));

    TokenMasking allMask = new TokenMasking(selectProbability, 1.0, 0.0, v);
    SplittableRandom random = new SplittableRandom(seed);
    List<TokenSequence> masked = new ArrayList<>(heldOut.size());
    for (String text : heldOut) {
      masked.add(allMask.apply(TokenSequence.unmasked(tokenizer.encode(text)), random));
    }
    int[] hits = new int[6]; // model top1, top5, bigram top1, top5, unigram top1, top5
    int positions = 0;
    for (int from = 0; from < masked.size(); from += batchSize) {
      List<TokenSequence> batch = masked.subList(from, Math.min(masked.size(), from + batchSize));
      if (batch.stream().allMatch(s -> s.selected() == 0)) {
        continue;
      }
      int[][] modelTop = modelTop(model, batch, manager);
      int row = 0;
      for (TokenSequence s : batch) {
        for (int i = 0; i < s.ids().length; i++) {
          int target = s.targets()[i];
          if (target == TokenSequence.NOT_SELECTED) {
            continue;
          }
          int[] bigram = s.ids()[i - 1] == SpecialTokens.MASK ? unigramTop
              : bigramTop.getOrDefault(s.ids()[i - 1], unigramTop);
          count(modelTop[row++], target, hits, 0);
          count(bigram, target, hits, 2);
          count(unigramTop, target, hits, 4);
          positions++;
        }
      }
    }
    double n = Math.max(1, positions);
    return new MaskedTokenScores(positions, heldOut.size(), List.of(
        new Score("model", hits[0] / n, hits[1] / n),
        new Score("bigram baseline", hits[2] / n, hits[3] / n),
        new Score("unigram baseline", hits[4] / n, hits[5] / n)));
  }

  private static void count(int[] ranked, int target, int[] hits, int offset) {
    if (ranked.length > 0 && ranked[0] == target) {
      hits[offset]++;
    }
    for (int k = 0; k < Math.min(TOP, ranked.length); k++) {
      if (ranked[k] == target) {
        hits[offset + 1]++;
        return;
      }
    }
  }

  /** The model's top-5 ordinary tokens at every selected position of the batch, in order. */
  private int[][] modelTop(Block model, List<TokenSequence> batch, NDManager manager) {
    MaskedPositions chosen = MaskedPositions.selected(batch);
    try (NDManager scope = manager.newSubManager()) {
      NDList inputs = chosen.inputs(scope);
      NDArray logits = model.forward(new ParameterStore(scope, false), inputs, false).singletonOrThrow();
      NDArray ordinary = logits.get(":, {}:{}", SpecialTokens.COUNT, tokenizer.vocabularySize());
      long[] best = ordinary.argSort(1, false).get(":, 0:{}", TOP).toLongArray();
      int[][] out = new int[chosen.count()][TOP];
      for (int r = 0; r < out.length; r++) {
        for (int k = 0; k < TOP; k++) {
          out[r][k] = (int) best[r * TOP + k] + SpecialTokens.COUNT;
        }
      }
      return out;
    }
  }

  /** The 5 highest counts' ids (ties: lower id first), filled up from {@code fill} when fewer are non-zero. */
  private static int[] top(Map<Integer, Long> counts, int[] fill) {
    Integer[] ids = counts.keySet().toArray(new Integer[0]);
    Arrays.sort(ids, (a, b) -> !counts.get(a).equals(counts.get(b)) ? Long.compare(counts.get(b), counts.get(a))
        : Integer.compare(a, b));
    int[] out = new int[TOP];
    int n = 0;
    for (int i = 0; i < ids.length && n < TOP; i++) {
      out[n++] = ids[i];
    }
    for (int i = 0; i < fill.length && n < TOP; i++) {
      int candidate = fill[i];
      if (Arrays.stream(out, 0, n).noneMatch(x -> x == candidate)) {
        out[n++] = candidate;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
