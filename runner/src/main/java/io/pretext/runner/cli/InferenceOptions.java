package io.pretext.runner.cli;

import io.pretext.core.inference.EncoderSession;
import io.pretext.core.inference.InferenceDevice;
import io.pretext.core.inference.OnnxSessions;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.onnx.EmbedInput;
import io.pretext.runner.onnx.Embedder;
import io.pretext.runner.onnx.ModelPreprocessing;
import io.pretext.runner.onnx.ModelTokenizers;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that run an exported model: model, input, device, batch size, threads. */
final class InferenceOptions {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "An .onnx file written by 'pretext export'.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "DIR|IDX|TEXTFILE",
      description = "A folder of PNG/JPEG images (sorted file order), an IDX image file, or a text file (one sentence a line).")
  Path input;

  @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
      description = "Where ONNX Runtime runs: cuda needs the gpu build and a GPU; auto falls back to the CPU (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--batch", defaultValue = "256", paramLabel = "N", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default: the number of cores).")
  Integer threads;

  /** An open model with its input read and an embedder ready; close the session when done. */
  record Opened(EncoderSession session, EmbedInput input, Embedder embedder) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  /** Opens the model on the device (printing which one), reads the input and prepares the embedder. */
  Opened open(Bootstrap bootstrap, PrintWriter out) {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    InferenceDevice wanted = InferenceDevice.parse(device);
    EncoderSession session = new OnnxSessions(out::println).open(model, wanted, n);
    try {
      out.printf("device: %s (ONNX Runtime, %d thread%s)%n", session.device(), n, n == 1 ? "" : "s");
      AugmentPipeline preprocess = ModelPreprocessing.from(session.metadata(), bootstrap.registry(), model);
      EmbedInput in = EmbedInput.read(input, session.metadata().input());
      var tokenizer = session.metadata().input().isTokenIds() ? ModelTokenizers.near(model, session.metadata()) : null;
      return new Opened(session, in, new Embedder(session, preprocess, tokenizer, batch));
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }
}
