package io.pretext.core.data.image;

import io.pretext.api.data.CorruptDataException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the image data sets do with a sample that does not decode, in one place. Without
 * skip-bad-images the {@link CorruptDataException} naming the file passes through. With it, the
 * sample is logged and counted once (by its index, however often it is met), and an indexed read
 * takes the next decodable sample in index order (wrapping), so a batch keeps its size; a stream
 * leaves it out. Thread-safe.
 */
public final class BadImageSkipper {
  private static final Logger LOG = LoggerFactory.getLogger(BadImageSkipper.class);

  private final boolean skip;
  private final int skippedBefore;
  private final Set<Integer> bad = ConcurrentHashMap.newKeySet();

  /**
   * @param skip whether bad images are skipped (skip-bad-images) or are an error
   * @param skippedBefore images already left out before decoding (e.g. unreadable at index time)
   */
  public BadImageSkipper(boolean skip, int skippedBefore) {
    if (skippedBefore < 0) {
      throw new IllegalArgumentException("skippedBefore must be >= 0, got " + skippedBefore);
    }
    this.skip = skip;
    this.skippedBefore = skippedBefore;
  }

  /** Images skipped so far: those left out before, and each distinct index that did not decode. */
  public long count() {
    return skippedBefore + (long) bad.size();
  }

  /**
   * The sample at {@code i} of {@code n}; with skipping, the first of {@code i, i+1, ...} (wrapping)
   * that decodes, known bad ones passed over without decoding them again.
   *
   * @param decode decodes the sample at an index, throwing {@link CorruptDataException} when it does not decode
   * @param noneDecoded the error when no sample decodes at all
   */
  public <T> T firstDecodable(int i, int n, IntFunction<T> decode, Supplier<? extends RuntimeException> noneDecoded) {
    for (int k = 0; k < n; k++) {
      int j = (i + k) % n;
      if (skip && bad.contains(j)) {
        continue;
      }
      Optional<T> decoded = orSkip(j, decode);
      if (decoded.isPresent()) {
        return decoded.get();
      }
    }
    throw noneDecoded.get();
  }

  /** The sample at {@code i}, or empty when it does not decode and bad images are skipped (counted once). */
  public <T> Optional<T> orSkip(int i, IntFunction<T> decode) {
    try {
      return Optional.of(decode.apply(i));
    } catch (CorruptDataException e) {
      if (!skip) {
        throw e;
      }
      if (bad.add(i)) {
        LOG.warn("Skipping an image that does not decode ({} skipped so far): {}", count(), e.getMessage());
      }
      return Optional.empty();
    }
  }
}
