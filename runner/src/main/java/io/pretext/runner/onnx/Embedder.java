package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.core.inference.EncoderSession;
import io.pretext.core.inference.FeatureBatch;
import io.pretext.api.onnx.InputSignature;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.InputBatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs an exported model over every sample of an input, batch by batch: images go through the
 * model's recorded preprocessing and are stacked; sentences are tokenized and padded with id 0.
 * Each batch's output goes to a consumer, in input order, before the next batch is read, so an
 * image folder is decoded batch by batch. The time is split into decoding (reading up front plus
 * each batch's samples), preprocessing (including batching and tokenizing) and inference.
 */
public final class Embedder {
  private final EncoderSession session;
  private final AugmentPipeline preprocess;
  private final Function<String, int[]> tokenizer;
  private final int batchSize;

  /**
   * @param preprocess the model's preprocessing (images)
   * @param tokenizer sentence to token ids (text models); null for image models
   */
  public Embedder(EncoderSession session, AugmentPipeline preprocess, Function<String, int[]> tokenizer, int batchSize) {
    if (batchSize < 1) {
      throw new PretextUserException("The batch size must be at least 1, got " + batchSize + ".");
    }
    this.session = session;
    this.preprocess = preprocess;
    this.tokenizer = tokenizer;
    this.batchSize = batchSize;
  }

  /** Seconds spent per phase, and the rows embedded. */
  public record Timings(int rows, double decodeSeconds, double preprocessSeconds, double inferenceSeconds) {
    /** Decode + preprocessing + inference. */
    public double totalSeconds() {
      return decodeSeconds + preprocessSeconds + inferenceSeconds;
    }

    /** Samples per second over the whole pipeline. */
    public double samplesPerSecond() {
      return rows / Math.max(1e-9, totalSeconds());
    }
  }

  /** Embeds every sample; each batch's output is passed to {@code out} in order. */
  public Timings run(EmbedInput input, Consumer<FeatureBatch> out) {
    InputSignature signature = session.metadata().input();
    if (signature.isTokenIds() && tokenizer == null) {
      throw new PretextUserException("The model is a text model, but no tokenizer was found for it.");
    }
    long decode = 0;
    long prep = 0;
    long infer = 0;
    int n = input.size();
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      long t0 = System.nanoTime();
      List<Object> samples = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        samples.add(input.samples().get(i));
      }
      long t1 = System.nanoTime();
      FeatureBatch batch;
      long t2;
      if (signature.isTokenIds()) {
        long[][] ids = tokens(samples);
        t2 = System.nanoTime();
        batch = session.run(ids[0], ids[1]);
      } else {
        HostTensor images = images(samples, signature);
        t2 = System.nanoTime();
        batch = session.run(images.floats(), images.shape().getShape());
      }
      decode += t1 - t0;
      prep += t2 - t1;
      infer += System.nanoTime() - t2;
      out.accept(batch);
    }
    return new Timings(n, input.decodeSeconds() + decode / 1e9, prep / 1e9, infer / 1e9);
  }

  /** The batch's images through the model's preprocessing, stacked. */
  private HostTensor images(List<Object> decoded, InputSignature signature) {
    List<Object> samples = new ArrayList<>(decoded.size());
    SplittableRandom random = new SplittableRandom(0);
    for (Object image : decoded) {
      samples.add(preprocess.apply(image, random));
    }
    Image first = (Image) samples.get(0);
    long[] have = {first.channels(), first.height(), first.width()};
    if (!Arrays.equals(have, signature.sampleShape())) {
      throw new PretextUserException("After the model's preprocessing the images are " + first.channels() + "x"
          + first.height() + "x" + first.width() + " (channels x height x width), but the model takes " + signature
          + ". Give images of the size the model was trained on.");
    }
    try {
      return InputBatcher.images().batch(samples);
    } catch (IllegalArgumentException e) {
      throw new PretextUserException("The input images differ in size: " + e.getMessage(), e);
    }
  }

  /** Token ids padded with 0 to the batch's longest sentence, and the shape {@code (n, T)}. */
  private long[][] tokens(List<Object> sentences) {
    List<int[]> encoded = new ArrayList<>(sentences.size());
    int longest = 1;
    for (Object sentence : sentences) {
      int[] ids = tokenizer.apply((String) sentence);
      encoded.add(ids);
      longest = Math.max(longest, ids.length);
    }
    long[] ids = new long[encoded.size() * longest];
    for (int r = 0; r < encoded.size(); r++) {
      int[] row = encoded.get(r);
      for (int t = 0; t < row.length; t++) {
        ids[r * longest + t] = row[t];
      }
    }
    return new long[][] {ids, {encoded.size(), longest}};
  }
}
