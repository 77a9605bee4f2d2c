package io.pretext.core.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pretext.core.integrity.CorruptFileException;
import io.pretext.core.onnx.proto.GraphProto;
import io.pretext.core.onnx.proto.ModelProto;
import io.pretext.core.onnx.proto.StringStringEntryProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The checksum an exported ONNX file carries in its own metadata: the sha256 of its serialised
 * graph (nodes and weights) under {@value #GRAPH_SHA256}, so a copied-out file can be checked
 * without its run's manifest.
 */
public final class OnnxIntegrity {
  /** The {@code metadata_props} key of the graph's sha256. */
  public static final String GRAPH_SHA256 = "pretext.graph_sha256";

  private OnnxIntegrity() {}

  /** The lowercase hex sha256 of a graph's serialised bytes. */
  public static String digest(GraphProto graph) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(graph.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /**
   * Checks an ONNX file against the graph sha256 in its metadata. A file that cannot be parsed is
   * corrupt; one without the key (a foreign or older export) passes.
   *
   * @throws CorruptFileException naming the file when it is truncated or its graph changed
   */
  public static void verify(Path model) {
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(Files.readAllBytes(model));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptFileException(model, "it is not a complete ONNX model (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new CorruptFileException(model, "it cannot be read (" + e.getMessage() + ")");
    }
    Optional<String> expected = proto.getMetadataPropsList().stream()
        .filter(p -> p.getKey().equals(GRAPH_SHA256)).map(StringStringEntryProto::getValue).findFirst();
    if (expected.isEmpty()) {
      return;
    }
    String got = digest(proto.getGraph());
    if (!got.equals(expected.get())) {
      throw new CorruptFileException(model, "the sha256 of its graph is " + got + " where its metadata "
          + GRAPH_SHA256 + " says " + expected.get());
    }
  }
}
