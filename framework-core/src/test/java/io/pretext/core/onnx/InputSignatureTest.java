package io.pretext.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pretext.api.onnx.InputSignature;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.nn.encoders.ResNetMini;
import io.pretext.core.nn.encoders.TextTransformer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoders declare the exported input; the export input and the metadata text follow from it. */
class InputSignatureTest {

  @Test
  void imageEncodersDeclareAFloatTensorNamedInput() {
    InputSignature s = new ResNetMini(4).inputSignature(new Shape(1, 28, 28));
    assertEquals("input", s.name());
    assertEquals("float32[batch,1,28,28]", s.format());
    assertFalse(s.dynamicSequence());
    assertEquals(s, new MlpEncoder(List.of(), 4).inputSignature(new Shape(1, 28, 28)));
    assertEquals(ExportInput.image(new Shape(1, 28, 28)), ExportInput.of(s, new Shape(1, 28, 28)));
  }

  @Test
  void theTextEncoderDeclaresTokenIdsNamedInputIds() {
    InputSignature s = new TextTransformer(40, 24, 16, 2, 4, 32, 0.1f).inputSignature(new Shape(24));
    assertEquals("input_ids", s.name());
    assertEquals("int64[batch,sequence]", s.format());
    assertTrue(s.isTokenIds() && s.dynamicSequence());
    ExportInput input = ExportInput.of(s, new Shape(24));
    assertEquals(ExportInput.text(24), input);
    assertEquals(DataType.INT64, input.type());
  }

  @Test
  void theMetadataTextParsesBackToTheSameSignature() {
    for (InputSignature s : List.of(InputSignature.images(3, 32, 32), InputSignature.tokenIds())) {
      assertEquals(s, InputSignature.parse(s.format()));
    }
  }

  @Test
  void aSignatureThatDoesNotFitTheShapeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ExportInput.of(InputSignature.images(1, 28, 28), new Shape(1, 8, 8)));
    InputSignature width = new InputSignature("input", io.pretext.api.onnx.ElementType.FLOAT, new long[] {-1, 3, -1},
        Arrays.asList("batch", null, "width"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExportInput.of(width, new Shape(3, 9)));
    assertTrue(e.getMessage().contains("may be dynamic"), e.getMessage());
  }
}
