package io.pretext.core.data.image;

/**
 * The EXIF orientation tag (0x0112, TIFF 6.0 / EXIF 2.3) of a JPEG ({@code APP1 "Exif"} segment)
 * or PNG ({@code eXIf} chunk), and the transform that turns the stored pixels upright.
 *
 * <p>Values 1..8: 1 upright, 2 mirrored left-right, 3 turned 180°, 4 mirrored top-bottom,
 * 5 transposed, 6 needs a quarter turn clockwise, 7 transversed, 8 needs a quarter turn
 * counter-clockwise. A missing or unreadable tag reads as 1: orientation never fails a decode.
 */
public final class ExifOrientation {
  /** The upright orientation. */
  public static final int UPRIGHT = 1;

  private static final int TAG_ORIENTATION = 0x0112;

  private ExifOrientation() {}

  /** The orientation declared in an encoded JPEG or PNG file, 1 when none (or unreadable). */
  public static int of(byte[] file) {
    try {
      if (file.length > 3 && (file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xD8) {
        return fromJpeg(file);
      }
      if (file.length > 8 && (file[0] & 0xFF) == 0x89 && file[1] == 'P' && file[2] == 'N' && file[3] == 'G') {
        return fromPng(file);
      }
    } catch (IndexOutOfBoundsException e) {
      return UPRIGHT;
    }
    return UPRIGHT;
  }

  private static int fromJpeg(byte[] b) {
    int p = 2;
    while (p + 4 <= b.length) {
      if ((b[p] & 0xFF) != 0xFF) {
        return UPRIGHT;
      }
      int marker = b[p + 1] & 0xFF;
      if (marker == 0xFF) {
        p++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return UPRIGHT; // start of scan / end of image: no EXIF before the pixels
      }
      int len = u16(b, p + 2, false);
      int body = p + 4;
      if (marker == 0xE1 && len >= 8 && b[body] == 'E' && b[body + 1] == 'x' && b[body + 2] == 'i'
          && b[body + 3] == 'f' && b[body + 4] == 0 && b[body + 5] == 0) {
        return fromTiff(b, body + 6, p + 2 + len);
      }
      p += 2 + len;
    }
    return UPRIGHT;
  }

  private static int fromPng(byte[] b) {
    int p = 8;
    while (p + 8 <= b.length) {
      int len = (int) Math.min(Integer.MAX_VALUE, ((long) u16(b, p, false) << 16) | u16(b, p + 2, false));
      String type = new String(b, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if ("eXIf".equals(type)) {
        return fromTiff(b, p + 8, p + 8 + len);
      }
      if ("IDAT".equals(type) || "IEND".equals(type) || len < 0) {
        return UPRIGHT;
      }
      p += 12 + len;
    }
    return UPRIGHT;
  }

  /** Reads IFD0 of a TIFF structure at {@code start}, bounded by {@code end}. */
  private static int fromTiff(byte[] b, int start, int end) {
    end = Math.min(end, b.length);
    boolean little;
    if (b[start] == 'I' && b[start + 1] == 'I') {
      little = true;
    } else if (b[start] == 'M' && b[start + 1] == 'M') {
      little = false;
    } else {
      return UPRIGHT;
    }
    if (u16(b, start + 2, little) != 42) {
      return UPRIGHT;
    }
    long ifd = u32(b, start + 4, little);
    if (ifd < 8 || start + ifd + 2 > end) {
      return UPRIGHT;
    }
    int p = (int) (start + ifd);
    int entries = u16(b, p, little);
    for (int i = 0; i < entries; i++) {
      int e = p + 2 + 12 * i;
      if (e + 12 > end) {
        return UPRIGHT;
      }
      if (u16(b, e, little) == TAG_ORIENTATION) {
        int value = u16(b, e + 8, little); // type SHORT, count 1: the value sits in the first two bytes
        return value >= 1 && value <= 8 ? value : UPRIGHT;
      }
    }
    return UPRIGHT;
  }

  /** Whether the orientation swaps width and height (5..8). */
  public static boolean swapsSides(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /**
   * Turns planar pixels ({@code channels × height × width}, the stored layout) upright; returns
   * the input itself for orientation 1. The result is {@code channels × h' × w'} with h', w'
   * swapped for orientations 5..8.
   */
  public static float[] apply(int orientation, float[] src, int channels, int height, int width) {
    if (orientation <= UPRIGHT || orientation > 8) {
      return src;
    }
    boolean swap = swapsSides(orientation);
    int outH = swap ? width : height;
    int outW = swap ? height : width;
    int plane = height * width;
    float[] out = new float[src.length];
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      for (int y = 0; y < outH; y++) {
        int row = base + y * outW;
        for (int x = 0; x < outW; x++) {
          int sy;
          int sx;
          switch (orientation) {
            case 2 -> { sy = y; sx = width - 1 - x; }
            case 3 -> { sy = height - 1 - y; sx = width - 1 - x; }
            case 4 -> { sy = height - 1 - y; sx = x; }
            case 5 -> { sy = x; sx = y; }
            case 6 -> { sy = height - 1 - x; sx = y; }
            case 7 -> { sy = height - 1 - x; sx = width - 1 - y; }
            default -> { sy = x; sx = width - 1 - y; } // 8
          }
          out[row + x] = src[base + sy * width + sx];
        }
      }
    }
    return out;
  }

  private static int u16(byte[] b, int p, boolean little) {
    int a = b[p] & 0xFF;
    int c = b[p + 1] & 0xFF;
    return little ? (c << 8) | a : (a << 8) | c;
  }

  private static long u32(byte[] b, int p, boolean little) {
    long hi = u16(b, little ? p + 2 : p, little);
    long lo = u16(b, little ? p : p + 2, little);
    return (hi << 16) | lo;
  }
}
