package io.pretext.api.transfer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.pretext.api.PretextUserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A linear classifier on an encoder's raw features, {@code logits = W·x + b}: a downstream probe
 * with its feature standardization already folded into W and b, so that it can follow the encoder
 * as one linear layer (e.g. in an exported {@code classifier.onnx}). Stored as JSON in the run
 * directory ({@code downstream/probe-<budget>.json}).
 *
 * @param classNames one name per output, in class-index order
 * @param features the length of the feature vector x
 * @param weights W, {@code classes × features}, row-major
 * @param bias b, one per class
 */
public record LinearClassifier(List<String> classNames, int features, float[] weights, float[] bias) {

  private static final Gson GSON = new GsonBuilder().create();

  public LinearClassifier {
    classNames = List.copyOf(classNames);
    if (classNames.isEmpty() || features < 1) {
      throw new IllegalArgumentException("a classifier needs classes and features, got " + classNames.size()
          + " classes and " + features + " features");
    }
    if (weights.length != classNames.size() * features || bias.length != classNames.size()) {
      throw new IllegalArgumentException("weights " + weights.length + " and bias " + bias.length + " do not fit "
          + classNames.size() + " classes x " + features + " features");
    }
    weights = weights.clone();
    bias = bias.clone();
  }

  /**
   * Folds a per-feature standardization {@code (x - mean) / std} into a classifier on standardized
   * features: {@code W'[c][j] = W[c][j] / std[j]}, {@code b'[c] = b[c] - Σ_j W[c][j]·mean[j] / std[j]}
   * (in double precision).
   *
   * @param weights W on standardized features, {@code classes × mean.length}, row-major
   */
  public static LinearClassifier folded(List<String> classNames, double[] weights, double[] bias, double[] mean,
      double[] std) {
    int d = mean.length;
    int k = bias.length;
    float[] w = new float[k * d];
    float[] b = new float[k];
    for (int c = 0; c < k; c++) {
      double shift = bias[c];
      for (int j = 0; j < d; j++) {
        double scaled = weights[c * d + j] / std[j];
        w[c * d + j] = (float) scaled;
        shift -= scaled * mean[j];
      }
      b[c] = (float) shift;
    }
    return new LinearClassifier(classNames, d, w, b);
  }

  /** The number of classes. */
  public int classes() {
    return classNames.size();
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  @Override
  public float[] bias() {
    return bias.clone();
  }

  /** The logits of one feature vector. */
  public float[] logits(float[] x) {
    if (x.length != features) {
      throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
    }
    float[] out = new float[classes()];
    for (int c = 0; c < out.length; c++) {
      double z = bias[c];
      for (int j = 0; j < features; j++) {
        z += (double) weights[c * features + j] * x[j];
      }
      out[c] = (float) z;
    }
    return out;
  }

  /** Writes it as JSON. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, GSON.toJson(this), StandardCharsets.UTF_8);
  }

  /**
   * Reads one written by {@link #write}.
   *
   * @throws PretextUserException when the file is missing or not a classifier
   */
  public static LinearClassifier read(Path file) {
    try {
      LinearClassifier c = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), LinearClassifier.class);
      if (c == null) {
        throw new JsonParseException("empty file");
      }
      return new LinearClassifier(c.classNames(), c.features(), c.weights, c.bias);
    } catch (IOException | RuntimeException e) { // Gson wraps the record constructor's checks
      String why = e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage() : e.getMessage();
      throw new PretextUserException("Cannot read the downstream classifier " + file + ": " + why
          + ". Run the downstream step with a linear-probe evaluator (pretext transfer --encoder RUN_DIR).", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearClassifier c && classNames.equals(c.classNames) && features == c.features
        && java.util.Arrays.equals(weights, c.weights) && java.util.Arrays.equals(bias, c.bias);
  }

  @Override
  public int hashCode() {
    return 31 * classNames.hashCode() + java.util.Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "LinearClassifier[" + classes() + " classes x " + features + " features]";
  }
}
