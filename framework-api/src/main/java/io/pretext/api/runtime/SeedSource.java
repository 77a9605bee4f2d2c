package io.pretext.api.runtime;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The run's seeded source of randomness. Every random choice in Pretext takes a generator from
 * here, named by what it is for, so that streams are independent of each other and of thread
 * timing: the same seed and names give the same numbers.
 */
public final class SeedSource {
  private final long seed;

  public SeedSource(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** A fresh generator for a purpose, e.g. {@code generator("shuffle", epoch)}. */
  public RandomGenerator generator(String purpose, long... indices) {
    return new SplittableRandom(derive(purpose, indices));
  }

  /** A 64-bit seed for a purpose, for libraries that take a seed rather than a generator. */
  public long derive(String purpose, long... indices) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    for (long i : indices) {
      h = mix(h ^ mix(i + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
