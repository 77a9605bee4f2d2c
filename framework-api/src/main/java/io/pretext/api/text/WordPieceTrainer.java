package io.pretext.api.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a WordPiece vocabulary from word counts by greedy pair merges (Sennrich et al. 2016's BPE
 * training, with WordPiece's {@code ##} marking a piece that continues a word, as Wu et al. 2016
 * write pieces). Start: every character, at the start of a word as itself, inside a word as
 * {@code ##c}. Step: merge the adjacent pair with the highest count over the corpus (ties: the pair
 * of older symbols first), until the vocabulary is full or no pair occurs {@code minPairCount}
 * times. Deterministic: words are visited in sorted order and ties are broken by symbol age.
 */
final class WordPieceTrainer {
  static final String CONTINUATION = "##";
  private final int vocabularySize;
  private final int minPairCount;

  /**
   * @param vocabularySize the vocabulary's size, special tokens included
   * @param minPairCount the least count a pair needs to be merged, >= 1
   */
  WordPieceTrainer(int vocabularySize, int minPairCount) {
    if (vocabularySize <= SpecialTokens.COUNT) {
      throw new IllegalArgumentException("vocabulary size must exceed the " + SpecialTokens.COUNT
          + " special tokens, got " + vocabularySize);
    }
    if (minPairCount < 1) {
      throw new IllegalArgumentException("min pair count must be >= 1, got " + minPairCount);
    }
    this.vocabularySize = vocabularySize;
    this.minPairCount = minPairCount;
  }

  /** The learned tokens in id order, special tokens first. */
  List<String> train(Map<String, Long> wordCounts) {
    TreeMap<String, Long> sorted = new TreeMap<>(wordCounts);
    sorted.keySet().removeIf(SpecialTokens.ALL::contains);
    List<String> symbols = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    // the alphabet, sorted, so that ids do not depend on the corpus order
    new java.util.TreeSet<>(alphabet(sorted.keySet())).forEach(s -> intern(s, symbols, ids));
    int[][] words = new int[sorted.size()][];
    long[] counts = new long[sorted.size()];
    int w = 0;
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      words[w] = split(e.getKey(), ids);
      counts[w++] = e.getValue();
    }
    Map<Long, Long> pairCounts = new HashMap<>();
    Map<Long, Set<Integer>> pairWords = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      count(words[i], i, counts[i], pairCounts, pairWords);
    }
    PriorityQueue<long[]> queue = new PriorityQueue<>(WordPieceTrainer::byCountThenAge);
    pairCounts.forEach((pair, c) -> queue.add(new long[] {c, pair}));
    int budget = vocabularySize - SpecialTokens.COUNT;
    while (symbols.size() < budget && !queue.isEmpty()) {
      long[] top = queue.poll();
      long pair = top[1];
      Long current = pairCounts.get(pair);
      if (current == null || current != top[0]) {
        continue; // stale entry
      }
      if (current < minPairCount) {
        break;
      }
      int a = (int) (pair >>> 32);
      int b = (int) pair;
      String right = symbols.get(b);
      String merged = symbols.get(a) + (right.startsWith(CONTINUATION) ? right.substring(CONTINUATION.length()) : right);
      int id = intern(merged, symbols, ids);
      Set<Long> touched = new HashSet<>();
      for (int word : new ArrayList<>(pairWords.getOrDefault(pair, Set.of()))) {
        uncount(words[word], word, counts[word], pairCounts, pairWords, touched);
        words[word] = merge(words[word], a, b, id);
        count(words[word], word, counts[word], pairCounts, pairWords);
        touched.addAll(pairsOf(words[word]));
      }
      for (long p : touched) {
        Long c = pairCounts.get(p);
        if (c != null && c > 0) {
          queue.add(new long[] {c, p});
        }
      }
    }
    List<String> vocabulary = new ArrayList<>(SpecialTokens.ALL);
    vocabulary.addAll(symbols);
    return vocabulary;
  }

  private static int byCountThenAge(long[] x, long[] y) {
    int c = Long.compare(y[0], x[0]);
    return c != 0 ? c : Long.compare(x[1], y[1]);
  }

  private static Set<String> alphabet(Set<String> words) {
    Set<String> out = new HashSet<>();
    for (String word : words) {
      int[] cps = word.codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        String c = new String(Character.toChars(cps[i]));
        out.add(i == 0 ? c : CONTINUATION + c);
      }
    }
    return out;
  }

  private static int[] split(String word, Map<String, Integer> ids) {
    int[] cps = word.codePoints().toArray();
    int[] out = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      String c = new String(Character.toChars(cps[i]));
      out[i] = ids.get(i == 0 ? c : CONTINUATION + c);
    }
    return out;
  }

  private static int intern(String symbol, List<String> symbols, Map<String, Integer> ids) {
    return ids.computeIfAbsent(symbol, s -> {
      symbols.add(s);
      return symbols.size() - 1;
    });
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  private static List<Long> pairsOf(int[] word) {
    List<Long> out = new ArrayList<>(Math.max(0, word.length - 1));
    for (int i = 0; i + 1 < word.length; i++) {
      out.add(key(word[i], word[i + 1]));
    }
    return out;
  }

  private static void count(int[] word, int index, long n, Map<Long, Long> pairCounts, Map<Long, Set<Integer>> pairWords) {
    for (long p : pairsOf(word)) {
      pairCounts.merge(p, n, Long::sum);
      pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(index);
    }
  }

  private static void uncount(int[] word, int index, long n, Map<Long, Long> pairCounts,
      Map<Long, Set<Integer>> pairWords, Set<Long> touched) {
    for (long p : pairsOf(word)) {
      long left = pairCounts.merge(p, -n, Long::sum);
      touched.add(p);
      if (left <= 0) {
        pairCounts.remove(p);
      }
      Set<Integer> owners = pairWords.get(p);
      if (owners != null) {
        owners.remove(index);
        if (owners.isEmpty()) {
          pairWords.remove(p);
        }
      }
    }
  }

  private static int[] merge(int[] word, int a, int b, int merged) {
    int[] out = new int[word.length];
    int n = 0;
    for (int i = 0; i < word.length; i++) {
      if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
        out[n++] = merged;
        i++;
      } else {
        out[n++] = word[i];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
