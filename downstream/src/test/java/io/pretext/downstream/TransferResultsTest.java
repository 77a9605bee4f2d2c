package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.transfer.EvaluationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferResultsTest {
  private final TransferResults results = new TransferResults(List.of("linear probe", "kNN"), List.of("100", "600"),
      List.of(cell("linear probe", "100", 0.6498), cell("linear probe", "600", 0.7906), cell("kNN", "100", 0.6349)),
      10000);

  @Test
  void markdownTableHasOneRowPerMethodAndPercentages() {
    assertEquals("""
        | method | 100 labels | 600 labels |
        |---|---:|---:|
        | linear probe | 64.98 | 79.06 |
        | kNN | 63.49 | - |
        """, results.toMarkdown());
  }

  @Test
  void plainTextIsAligned() {
    String text = results.toText();
    List<String> lines = text.lines().toList();
    assertEquals("test accuracy (%) on 10000 test samples", lines.get(0));
    assertEquals("method        100 labels  600 labels", lines.get(1));
    assertEquals("linear probe       64.98       79.06", lines.get(3));
    assertEquals("kNN                63.49           -", lines.get(4));
    assertEquals(lines.get(1).length(), lines.get(2).length());
  }

  @Test
  void rawNumbersAreJsonAble() {
    Map<String, Object> map = results.toMap();
    assertEquals(List.of("100", "600"), map.get("budgets"));
    assertEquals(3, ((List<?>) map.get("cells")).size());
    String json = results.toJson();
    assertTrue(json.contains("\"accuracy\": 0.6498"), json);
    assertTrue(json.contains("\"l2\": 0.01"), json);
    assertEquals(0.7906, results.accuracy("linear probe", "600"));
    assertTrue(Double.isNaN(results.accuracy("kNN", "600")));
  }

  private static TransferResults.Cell cell(String method, String budget, double accuracy) {
    return new TransferResults.Cell(method, budget, Integer.parseInt(budget),
        new EvaluationResult(accuracy, 1.5, 0.5, Map.of("l2", 0.01)), 2.0);
  }
}
