package io.pretext.core.augment;

/**
 * Bilinear resampling of a box of a C×H×W float image, with half-pixel centres and border
 * clamping: torch's {@code grid_sample(bilinear, padding_mode="border", align_corners=False)} and
 * {@code interpolate(mode="bilinear", align_corners=False, antialias=False)}. Output pixel
 * {@code x} samples source coordinate {@code left + (x + 0.5) * boxW / outW - 0.5}.
 *
 * <p>One instance per augmenter; its lookup tables are per thread, so it is thread-safe.
 */
final class Bilinear {
  private final ThreadLocal<Tables> tables = ThreadLocal.withInitial(Tables::new);

  /** Per-thread column lookup tables and a source copy buffer, grown on demand. */
  private static final class Tables {
    int[] x0 = new int[0];
    int[] x1 = new int[0];
    float[] wx = new float[0];
    float[] copy = new float[0];
    float[] row = new float[0];

    void ensureColumns(int n) {
      if (x0.length < n) {
        x0 = new int[n];
        x1 = new int[n];
        wx = new float[n];
      }
    }

    float[] copyOf(float[] src) {
      if (copy.length < src.length) {
        copy = new float[src.length];
      }
      System.arraycopy(src, 0, copy, 0, src.length);
      return copy;
    }
  }

  /** A per-thread copy of {@code src}, valid until the next call on this thread; for in-place resampling. */
  float[] scratchCopy(float[] src) {
    return tables.get().copyOf(src);
  }

  /**
   * Samples the box (top, left, boxH, boxW), in pixel units of the source, into {@code dst} of
   * size channels × outH × outW. {@code src} and {@code dst} must not be the same array.
   */
  void resample(float[] src, int channels, int inH, int inW, float[] dst, int outH, int outW,
      double top, double left, double boxH, double boxW) {
    Tables t = tables.get();
    t.ensureColumns(outW);
    int[] x0 = t.x0;
    int[] x1 = t.x1;
    float[] wx = t.wx;
    double sx = boxW / outW;
    for (int x = 0; x < outW; x++) {
      double fx = clamp(left + (x + 0.5) * sx - 0.5, inW - 1);
      int i = (int) fx;
      x0[x] = i;
      x1[x] = Math.min(i + 1, inW - 1);
      wx[x] = (float) (fx - i);
    }
    if (t.row.length < inW) {
      t.row = new float[inW];
    }
    float[] row = t.row;
    int from = x0[0];
    int to = x1[outW - 1]; // the columns the box touches
    double sy = boxH / outH;
    for (int y = 0; y < outH; y++) {
      double fy = clamp(top + (y + 0.5) * sy - 0.5, inH - 1);
      int y0 = (int) fy;
      int y1 = Math.min(y0 + 1, inH - 1);
      float wy = (float) (fy - y0);
      for (int c = 0; c < channels; c++) {
        // vertical lerp of two source rows (contiguous, vectorizable), then horizontal gather
        int r0 = (c * inH + y0) * inW;
        int r1 = (c * inH + y1) * inW;
        for (int x = from; x <= to; x++) {
          float a = src[r0 + x];
          row[x] = a + (src[r1 + x] - a) * wy;
        }
        int o = (c * outH + y) * outW;
        for (int x = 0; x < outW; x++) {
          float a = row[x0[x]];
          dst[o + x] = a + (row[x1[x]] - a) * wx[x];
        }
      }
    }
  }

  private static double clamp(double v, int max) {
    return v < 0 ? 0 : (v > max ? max : v);
  }
}
