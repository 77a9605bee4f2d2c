package io.pretext.api.onnx;

import io.pretext.api.PretextUserException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Collections;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input an exported model takes: the graph input's name, its element type and its dimensions,
 * named ones (batch, sequence) being dynamic. An {@link io.pretext.api.spi.Encoder} declares it
 * ({@link io.pretext.api.spi.Encoder#inputSignature}); the export writes the graph input from it
 * and records it in the {@code pretext.input} metadata as text, e.g. {@code float32[batch,1,28,28]}
 * or {@code int64[batch,sequence]}.
 *
 * @param name the graph input's name: {@code input} for images, {@code input_ids} for token ids
 * @param type {@link ElementType#FLOAT} or {@link ElementType#INT64} (token ids, 0 is padding)
 * @param dims one entry per axis, batch first, -1 for a dynamic (named) axis
 * @param names the name of each dynamic axis, null for fixed ones
 */
public record InputSignature(String name, ElementType type, long[] dims, List<String> names) {
  /** The name of an image input. */
  public static final String IMAGE_NAME = "input";
  /** The name of a token-id input. */
  public static final String TOKEN_IDS_NAME = "input_ids";
  public static final String BATCH_AXIS = "batch";
  public static final String SEQUENCE_AXIS = "sequence";
  /**
   * The most values one sample of a parsed signature may hold (64 Mi: a 3x4096x4096 image fits), so
   * metadata that claims huge dimensions is refused before anything is allocated for it.
   */
  public static final long MAX_SAMPLE_VALUES = 1L << 26;
  private static final Pattern FORMAT = Pattern.compile("(float32|int64)\\[([^\\]]*)]");

  public InputSignature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    dims = dims.clone();
    names = Collections.unmodifiableList(new ArrayList<>(names));
    if (dims.length != names.size() || dims.length < 2) {
      throw new IllegalArgumentException("input '" + name + "': a batch axis and at least one more, each dynamic axis"
          + " named; got " + dims.length + " dims and " + names.size() + " names");
    }
    for (int i = 0; i < dims.length; i++) {
      if ((dims[i] < 0) != (names.get(i) != null) || dims[i] == 0) {
        throw new IllegalArgumentException("input '" + name + "': axis " + i + " must be a size >= 1 or -1 with a name");
      }
    }
  }

  /** A float32 image input {@code input [batch, c, h, w]} (any fixed sample shape). */
  public static InputSignature images(long... chw) {
    long[] dims = new long[chw.length + 1];
    dims[0] = -1;
    System.arraycopy(chw, 0, dims, 1, chw.length);
    List<String> names = new ArrayList<>();
    names.add(BATCH_AXIS);
    for (int i = 0; i < chw.length; i++) {
      names.add(null);
    }
    return new InputSignature(IMAGE_NAME, ElementType.FLOAT, dims, names);
  }

  /** An int64 token-id input {@code input_ids [batch, sequence]}, any length. */
  public static InputSignature tokenIds() {
    return new InputSignature(TOKEN_IDS_NAME, ElementType.INT64, new long[] {-1, -1},
        Arrays.asList(BATCH_AXIS, SEQUENCE_AXIS));
  }

  /**
   * Parses the metadata text. The text does not record the graph input's name: the signature gets
   * the name of its kind ({@code input} or {@code input_ids}), which every pretext export uses.
   *
   * @throws PretextUserException when it is not of the form {@code type[dim,...]}
   */
  public static InputSignature parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new PretextUserException("The model's pretext.input metadata '" + shorten(text)
          + "' is not of the form float32[batch,1,28,28] or int64[batch,sequence]; export the model again.");
    }
    String[] parts = m.group(2).split(",");
    long[] dims = new long[parts.length];
    List<String> names = new ArrayList<>();
    long values = 1;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.matches("[0-9]+")) {
        dims[i] = p.length() > 12 ? Long.MAX_VALUE : Long.parseLong(p);
        values = dims[i] > MAX_SAMPLE_VALUES ? MAX_SAMPLE_VALUES + 1 : Math.min(MAX_SAMPLE_VALUES + 1, values * dims[i]);
        if (values > MAX_SAMPLE_VALUES) {
          throw new PretextUserException("The model's pretext.input metadata '" + shorten(text) + "' claims a sample"
              + " of more than " + MAX_SAMPLE_VALUES + " values (axis " + i + " is " + shorten(p) + "), over the"
              + " limit for one sample; the file is damaged or was not written by pretext: export the model again"
              + " with 'pretext export RUN_DIR'.");
        }
        names.add(null);
      } else {
        dims[i] = -1;
        names.add(p);
      }
    }
    boolean ids = ElementType.INT64.label().equals(m.group(1));
    try {
      return new InputSignature(ids ? TOKEN_IDS_NAME : IMAGE_NAME, ids ? ElementType.INT64 : ElementType.FLOAT, dims,
          names);
    } catch (IllegalArgumentException e) {
      throw new PretextUserException("The model's pretext.input metadata '" + text + "' is invalid: " + e.getMessage()
          + "; export the model again.", e);
    }
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
  }

  /** True for token-id (text) inputs. */
  public boolean isTokenIds() {
    return type == ElementType.INT64;
  }

  /** Whether axis 1, the first sample axis, is dynamic (a sequence of any length). */
  public boolean dynamicSequence() {
    return dims[1] < 0;
  }

  /** The fixed shape of one sample (without the batch axis); -1 where dynamic. */
  public long[] sampleShape() {
    return Arrays.copyOfRange(dims, 1, dims.length);
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  /** The metadata text, e.g. {@code float32[batch,1,28,28]}. */
  public String format() {
    StringBuilder sb = new StringBuilder(type.label()).append('[');
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? "," : "").append(dims[i] < 0 ? names.get(i) : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }

  /** Equal when the name and the metadata text are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof InputSignature s && name.equals(s.name) && format().equals(s.format());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, format());
  }

  @Override
  public String toString() {
    return format();
  }
}
