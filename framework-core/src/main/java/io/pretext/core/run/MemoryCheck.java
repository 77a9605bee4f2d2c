package io.pretext.core.run;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.spi.Encoder;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Refuses, before anything is allocated, a run whose sizes imply more memory than the machine has:
 * an encoder whose parameters, gradients and Adam moments (16 bytes a parameter) exceed the
 * physical memory, and an augmenter output size whose batch of two views (4 bytes a pixel, one
 * channel at least) exceeds half the Java heap, where the batches are built. Both figures are lower
 * bounds, so a refused run could never have fitted.
 */
public final class MemoryCheck {
  /** Parameters, gradients and Adam's two moments, float32 each. */
  static final long BYTES_PER_PARAMETER = 16;
  /** A batch's views as the contrastive tasks build them; other tasks build one (still refused at 2). */
  static final long VIEWS = 2;
  /**
   * Batches alive at once, counted in copies of one batch: each of the default 2 workers builds one,
   * one waits in the queue and one is in the step (4), each held twice while it is assembled (the
   * samples' own arrays and the batch tensor).
   */
  static final long BATCH_COPIES = 8;

  private final long physicalBytes;
  private final long heapBytes;

  /**
   * @param physicalBytes the machine's memory, where the engine's tensors live
   * @param heapBytes the Java heap's maximum, where samples and batches are built
   */
  public MemoryCheck(long physicalBytes, long heapBytes) {
    this.physicalBytes = physicalBytes;
    this.heapBytes = heapBytes;
  }

  /** The limits of this machine and JVM. */
  public static MemoryCheck ofThisMachine() {
    long physical = Long.MAX_VALUE;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    return new MemoryCheck(physical, Runtime.getRuntime().maxMemory());
  }

  /**
   * Checks the encoder and the augmenters' output sizes at the run's batch size.
   *
   * @throws ConfigException at the key whose value implies too much memory
   */
  public void check(ConfigNode encoderSection, Encoder encoder, List<ConfigNode> augment, int batchSize) {
    long parameters = encoder.minimumParameters();
    if (parameters > 0) {
      double bytes = (double) parameters * BYTES_PER_PARAMETER;
      if (bytes > physicalBytes) {
        String key = encoderSection.has("width") ? encoderSection.pathOf("width") : encoderSection.pathOf("name");
        throw ConfigException.at(key, "this encoder has at least " + count(parameters) + " parameters, which with"
            + " their gradients and Adam's moments need at least " + size(bytes) + ", more than this machine's memory of "
            + size(physicalBytes) + "; choose a smaller value (the limit is the machine's memory)");
      }
    }
    for (ConfigNode step : augment) {
      long pixels = pixels(step);
      if (pixels <= 0) {
        continue;
      }
      double bytes = (double) pixels * 4 * VIEWS * batchSize * BATCH_COPIES;
      if (bytes > heapBytes / 2.0) {
        String key = step.has("size") ? step.pathOf("size") : step.pathOf("height");
        throw ConfigException.at(key, "an output of " + count(pixels) + " pixels a sample, at train.batch-size "
            + batchSize + " and " + VIEWS + " views, needs at least " + size(bytes) + " for the " + BATCH_COPIES
            + " copies of a batch that the workers, the queue and the step hold at once, more than half of"
            + " the Java heap of " + size(heapBytes) + "; lower this size or train.batch-size, or raise the heap with"
            + " PRETEXT_JAVA_OPTS=-Xmx<size> (e.g. -Xmx16g)");
      }
    }
  }

  /** Pixels of one output of an augmenter that names a size, else 0. */
  private static long pixels(ConfigNode step) {
    if (step.has("size")) {
      Object size = step.get("size");
      if (size instanceof Number n) {
        return n.longValue() * n.longValue();
      }
      if (size instanceof List<?> list && !list.isEmpty()) {
        long p = 1;
        for (Object o : list) {
          p *= o instanceof Number n ? n.longValue() : 1;
        }
        return list.size() == 1 ? p * p : p;
      }
      return 0;
    }
    if (step.has("height") && step.has("width") && step.get("height") instanceof Number h
        && step.get("width") instanceof Number w) {
      return h.longValue() * w.longValue();
    }
    return 0;
  }

  private static String count(long n) {
    return n >= 1_000_000_000 ? String.format(Locale.ROOT, "%.1f billion", n / 1e9)
        : n >= 1_000_000 ? String.format(Locale.ROOT, "%.1f million", n / 1e6) : Long.toString(n);
  }

  private static String size(double bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
  }
}
