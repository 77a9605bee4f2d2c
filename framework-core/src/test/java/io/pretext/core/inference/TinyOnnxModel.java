package io.pretext.core.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a one-node ONNX model by hand, {@code features = MatMul(input, W)} with input {@code
 * float32[batch, rows(W)]}, so that the inference API can be tested without the exporter. The
 * protobuf wire format is encoded directly (field numbers from onnx.proto).
 */
final class TinyOnnxModel {
  private TinyOnnxModel() {}

  /** Writes the model with W ({@code in × out}, row-major) and the given metadata entries. */
  static Path write(Path file, float[] w, int in, int out, Map<String, String> metadata) throws IOException {
    Proto graph = new Proto()
        .message(1, new Proto().string(1, "input").string(1, "W").string(2, "features").string(3, "matmul")
            .string(4, "MatMul"))
        .string(2, "tiny")
        .message(5, tensor("W", w, in, out))
        .message(11, valueInfo("input", in))
        .message(12, valueInfo("features", out));
    Proto model = new Proto().varint(1, 8).string(2, "pretext-test")
        .message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, 17));
    metadata.forEach((k, v) -> model.message(14, new Proto().string(1, k).string(2, v)));
    Files.write(file, model.bytes());
    return file;
  }

  private static Proto tensor(String name, float[] values, long... dims) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, 1); // FLOAT
    t.string(8, name);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (float v : values) {
      int bits = Float.floatToIntBits(v);
      for (int i = 0; i < 4; i++) {
        raw.write((bits >>> (8 * i)) & 0xff);
      }
    }
    return t.bytes(9, raw.toByteArray());
  }

  /** A float32 value of shape {@code [batch, width]}. */
  private static Proto valueInfo(String name, int width) {
    Proto shape = new Proto()
        .message(1, new Proto().string(2, "batch"))
        .message(1, new Proto().varint(1, width));
    Proto tensorType = new Proto().varint(1, 1).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  /** A protobuf message being encoded. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      tag(field, 0);
      raw(value);
      return this;
    }

    Proto string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto message) {
      return bytes(field, message.bytes());
    }

    Proto bytes(int field, byte[] value) {
      tag(field, 2);
      raw(value.length);
      out.writeBytes(value);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void tag(int field, int wireType) {
      raw(((long) field << 3) | wireType);
    }

    private void raw(long value) {
      long v = value;
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
