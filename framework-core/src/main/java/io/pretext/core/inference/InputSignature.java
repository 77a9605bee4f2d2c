package io.pretext.core.inference;

import io.pretext.api.PretextUserException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model input as written in the {@code pretext.input} metadata, e.g. {@code float32[batch,1,28,28]}
 * or {@code int64[batch,sequence]}: the element type and the dimensions, named ones (batch,
 * sequence) being dynamic.
 *
 * @param type {@code float32} or {@code int64}
 * @param dims one entry per axis, -1 for a dynamic (named) axis
 * @param names the name of each dynamic axis, null for fixed ones
 */
public record InputSignature(String type, long[] dims, List<String> names) {
  public static final String FLOAT32 = "float32";
  public static final String INT64 = "int64";
  private static final Pattern FORMAT = Pattern.compile("(float32|int64)\\[([^\\]]*)]");

  /** A float32 image input {@code [batch, c, h, w]}. */
  public static InputSignature images(long... chw) {
    long[] dims = new long[chw.length + 1];
    dims[0] = -1;
    System.arraycopy(chw, 0, dims, 1, chw.length);
    List<String> names = new ArrayList<>();
    names.add("batch");
    for (int i = 0; i < chw.length; i++) {
      names.add(null);
    }
    return new InputSignature(FLOAT32, dims, names);
  }

  /** An int64 token-id input {@code [batch, sequence]}. */
  public static InputSignature tokenIds() {
    return new InputSignature(INT64, new long[] {-1, -1}, Arrays.asList("batch", "sequence"));
  }

  /**
   * Parses the metadata text.
   *
   * @throws PretextUserException when it is not of the form {@code type[dim,...]}
   */
  public static InputSignature parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new PretextUserException("The model's pretext.input metadata '" + text
          + "' is not of the form float32[batch,1,28,28] or int64[batch,sequence]; export the model again.");
    }
    String[] parts = m.group(2).split(",");
    long[] dims = new long[parts.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.matches("[0-9]+")) {
        dims[i] = Long.parseLong(p);
        names.add(null);
      } else {
        dims[i] = -1;
        names.add(p);
      }
    }
    return new InputSignature(m.group(1), dims, names);
  }

  /** True for token-id (text) inputs. */
  public boolean isTokenIds() {
    return INT64.equals(type);
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
    StringBuilder sb = new StringBuilder(type).append('[');
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? "," : "").append(dims[i] < 0 ? names.get(i) : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputSignature s && format().equals(s.format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  @Override
  public String toString() {
    return format();
  }
}
