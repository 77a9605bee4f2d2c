package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Dataset;
import io.pretext.core.data.IdxReader;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.data.ImageFolderReader;
import io.pretext.core.data.TextLinesReader;
import io.pretext.api.onnx.InputSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The samples given to {@code embed} or {@code predict}, read with the project's readers: a folder
 * of PNG/JPEG images (flat, or one subfolder per class; files in sorted order), an IDX image file
 * (optionally gzipped), or for a text model a UTF-8 file with one sentence per line.
 *
 * @param samples the decoded samples, in input order
 * @param kind what was read, for the summary ({@code image folder}, {@code IDX file}, {@code text file})
 * @param decodeSeconds the time spent reading and decoding
 */
public record EmbedInput(Dataset<?> samples, String kind, double decodeSeconds) {

  /**
   * Reads the input a model with the given signature takes.
   *
   * @throws PretextUserException when the input is missing, empty or of the wrong kind for the model
   */
  public static EmbedInput read(Path input, InputSignature signature) {
    if (!Files.exists(input)) {
      throw new PretextUserException("The input " + input + " does not exist. Give a folder of images, an IDX image file"
          + " or a text file (one sentence per line).");
    }
    long start = System.nanoTime();
    if (signature.isTokenIds()) {
      if (Files.isDirectory(input) || looksLikeIdx(input)) {
        throw new PretextUserException("The model takes token ids (" + signature + ", a text model), but the input "
            + input + " is " + (Files.isDirectory(input) ? "a folder" : "an IDX image file")
            + ". Give a UTF-8 text file with one sentence per line.");
      }
      return new EmbedInput(new TextLinesReader().read(input), "text file", seconds(start));
    }
    long[] chw = signature.sampleShape();
    if (chw.length != 3) {
      throw new PretextUserException("The model takes " + signature + ", which is not an image input (channels,"
          + " height, width); embed reads images for image models and text files for text models.");
    }
    if (Files.isDirectory(input)) {
      ImageFolderReader.Options options = new ImageFolderReader.Options((int) chw[1], (int) chw[2], (int) chw[0],
          !hasImagesAtTop(input), false);
      ImageDataset images = new ImageFolderReader(options).read(input).dataset();
      return new EmbedInput(images, "image folder", seconds(start));
    }
    if (!looksLikeIdx(input)) {
      throw new PretextUserException("The model takes images (" + signature + "), but " + input
          + " is neither a folder of images nor an IDX image file. Give a folder of PNG/JPEG files or an IDX file"
          + " (e.g. t10k-images-idx3-ubyte.gz).");
    }
    ImageDataset images = new IdxReader().read(input, null, List.of());
    return new EmbedInput(images, "IDX file", seconds(start));
  }

  /** The number of samples. */
  public int size() {
    return samples.size();
  }

  private static boolean hasImagesAtTop(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."));
    } catch (IOException e) {
      throw new DataException(folder, "cannot list the folder: " + e.getMessage(), e);
    }
  }

  /** An IDX image file by its magic number (plain or gzipped), without reading it all. */
  private static boolean looksLikeIdx(Path file) {
    if (Files.isDirectory(file)) {
      return false;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt") || name.endsWith(".csv")) {
      return false;
    }
    try (var in = io.pretext.core.data.CompressedInput.open(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && java.nio.ByteBuffer.wrap(magic).getInt() == IdxReader.IMAGES_MAGIC;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
