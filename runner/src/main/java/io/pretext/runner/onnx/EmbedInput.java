package io.pretext.runner.onnx;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Dataset;
import io.pretext.core.data.IdxReader;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.data.TextLinesReader;
import io.pretext.core.data.image.FolderIndex;
import io.pretext.core.data.image.ImageDecoder;
import io.pretext.core.data.image.ImageFileDataset;
import io.pretext.api.onnx.InputSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The samples given to {@code embed} or {@code predict}, read with the project's readers: a folder
 * of PNG/JPEG images (flat, or one subfolder per class; files in sorted path order), an IDX image
 * file (optionally gzipped), or for a text model a UTF-8 file with one sentence per line.
 *
 * <p>A folder is only indexed here: its images are decoded and fitted to the model's size when a
 * batch asks for them ({@link Embedder}), so memory is bounded by the batch, not the folder.
 *
 * @param samples the samples, in input order (a folder's decoded on {@code get})
 * @param kind what was read, for the summary ({@code image folder}, {@code IDX file}, {@code text file})
 * @param decodeSeconds the time spent reading up front (indexing, for a folder)
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
      if (chw[0] != 1 && chw[0] != 3) {
        throw new PretextUserException("The model takes " + signature + ": " + chw[0] + " channels, but images"
            + " are read as 1 (gray) or 3 (RGB) channels. Use a model trained on gray or RGB images.");
      }
      FolderIndex index = FolderIndex.build(input, !hasImagesAtTop(input), null, false);
      ImageDecoder decoder = new ImageDecoder((int) chw[0], ImageDecoder.DEFAULT_MAX_PIXELS);
      Dataset<?> images = new FittedImages(new ImageFileDataset(index, decoder, false), (int) chw[1], (int) chw[2]);
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
