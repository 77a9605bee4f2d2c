package io.pretext.api.transfer;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An immutable snapshot of an encoder's parameters in DJL's {@link Block#saveParameters} format
 * (BatchNorm running statistics included), the format the pretraining loop writes to {@code
 * encoder/}. Loading it into a block of the same architecture gives an independent copy.
 */
public final class PretrainedWeights {
  private final byte[] bytes;
  private final String origin;

  private PretrainedWeights(byte[] bytes, String origin) {
    this.bytes = bytes;
    this.origin = origin;
  }

  /** Snapshots the current parameters of an initialized block (e.g. {@code TrainResult.encoder()}). */
  public static PretrainedWeights of(Block encoder) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      encoder.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot snapshot the encoder's parameters", e);
    }
    return new PretrainedWeights(buffer.toByteArray(), "in-memory snapshot");
  }

  /**
   * Reads parameters saved by the pretraining loop (e.g. {@code TrainResult.encoderParameters()}).
   *
   * @throws PretextUserException when the file cannot be read
   */
  public static PretrainedWeights read(Path file) {
    try {
      return new PretrainedWeights(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the encoder parameters " + file + ": " + e.getMessage()
          + ". Check the path, or pretrain again.", e);
    }
  }

  /** Where the weights came from, for messages. */
  public String origin() {
    return origin;
  }

  /** The size of the snapshot in bytes. */
  public int sizeBytes() {
    return bytes.length;
  }

  /**
   * Loads the weights into a block of the same architecture; its parameter arrays are created in the manager.
   *
   * @throws PretextUserException when the weights do not fit the block (another architecture)
   */
  public void loadInto(Block block, NDManager manager) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      block.loadParameters(manager, in);
    } catch (java.io.EOFException e) {
      throw new PretextUserException("The encoder parameters from " + origin + " end early (" + bytes.length
          + " bytes): the file is truncated. Restore it from a backup, or pretrain again.", e);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new PretextUserException("The encoder parameters from " + origin + " do not fit the configured encoder ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + "). Use the same encoder section as for pretraining, or pretrain again if the file was damaged.", e);
    }
  }
}
