package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Splits;
import io.pretext.api.data.TextDataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextReadersTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void textLinesSkipBlankLinesAndKeepUnicode() throws Exception {
    Path f = write("lines.txt", "I am an instructor.\n\n   \nÉtude  für Ünïcode ✓\r\nlast");
    TextDataset ds = new TextLinesReader().read(f);
    assertEquals(List.of("I am an instructor.", "Étude  für Ünïcode ✓", "last"), ds.texts());
    assertFalse(ds.labeled());
  }

  @Test
  void textLinesErrors() throws Exception {
    DataException missing = assertThrows(DataException.class, () -> new TextLinesReader().read(dir.resolve("none.txt")));
    assertTrue(missing.getMessage().contains("none.txt") && missing.getMessage().contains("not found"));
    Path blank = write("blank.txt", "\n \n");
    DataException empty = assertThrows(DataException.class, () -> new TextLinesReader().read(blank));
    assertTrue(empty.getMessage().contains("blank.txt") && empty.getMessage().contains("no non-blank lines"));
    Path bad = Files.write(dir.resolve("latin1.txt"), new byte[] {'o', 'k', (byte) 0xE9, '\n'});
    CorruptDataException enc = assertThrows(CorruptDataException.class, () -> new TextLinesReader().read(bad));
    assertTrue(enc.getMessage().contains("latin1.txt") && enc.getMessage().contains("UTF-8"));
  }

  @Test
  void jsonWithStringClassesSortedToIndices() throws Exception {
    Path f = write("d.json", "[{\"text\":\"good\",\"class\":\"pos\"},{\"text\":\"bad\",\"class\":\"neg\"},"
        + "{\"text\":\"fine\",\"class\":\"pos\"}]");
    TextDataset ds = new LabeledTextReader().read(f);
    assertEquals(List.of("neg", "pos"), ds.classNames());
    assertEquals(List.of("good", "bad", "fine"), ds.texts());
    assertEquals(1, ds.label(0));
    assertEquals(0, ds.label(1));
  }

  @Test
  void jsonWithIntegerClassesSortedNumerically() throws Exception {
    Path f = write("d.json", "[{\"text\":\"a\",\"class\":10},{\"text\":\"b\",\"class\":2},{\"text\":\"c\",\"class\":2.0}]");
    TextDataset ds = new LabeledTextReader().read(f);
    assertEquals(List.of("2", "10"), ds.classNames());
    assertEquals(1, ds.label(0));
    assertEquals(0, ds.label(2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no text   | [{\"text\":\"a\",\"class\":1},{\"class\":0}]              | entry 1 (0-based) has no \"text\"",
      "null text | [{\"text\":\"a\",\"class\":1},{\"text\":null,\"class\":0}] | entry 1 (0-based) has no \"text\"",
      "no class  | [{\"text\":\"a\",\"class\":1},{\"text\":\"b\"}]           | entry 1 (0-based) has no \"class\"",
      "null class| [{\"text\":\"a\",\"class\":null}]                          | entry 0 (0-based) has no \"class\"",
      "bad class | [{\"text\":\"a\",\"class\":1.5}]                           | entry 0 (0-based): \"class\" must be",
      "not obj   | [{\"text\":\"a\",\"class\":1}, 3]                          | entry 1 (0-based) is not a JSON object"})
  void jsonEntryErrorsNameFileAndIndex(String caseName, String json, String expected) throws Exception {
    Path f = write("reviews.json", json);
    DataException e = assertThrows(DataException.class, () -> new LabeledTextReader().read(f));
    assertTrue(e.getMessage().contains("reviews.json"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void blankEntriesSkippedWhenAsked() throws Exception {
    Path f = write("d.json", "[{\"text\":\"a\",\"class\":0},{\"text\":\"b\",\"class\":1},{\"text\":\"\",\"class\":null}]");
    TextDataset ds = new LabeledTextReader(new LabeledTextReader.Options("text", "class", true)).read(f);
    assertEquals(2, ds.size());
    assertThrows(DataException.class, () -> new LabeledTextReader().read(f));
  }

  @Test
  void invalidJson() throws Exception {
    Path f = write("broken.json", "[{\"text\": \"a\", ");
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> new LabeledTextReader().read(f));
    assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void csvWithQuotedCommasDoubledQuotesAndLineBreaks() throws Exception {
    Path f = write("d.csv", "id,review,label\n"
        + "1,\"Great, really \"\"great\"\" stuff\",pos\n"
        + "\n"
        + "2,\"two\nlines\",neg\r\n"
        + "3,plain,pos\n");
    TextDataset ds = new LabeledTextReader(new LabeledTextReader.Options("review", "label", false)).read(f);
    assertEquals(List.of("Great, really \"great\" stuff", "two\nlines", "plain"), ds.texts());
    assertEquals(List.of("neg", "pos"), ds.classNames());
    assertEquals(1, ds.label(0));
    assertEquals(0, ds.label(1));
  }

  @Test
  void csvRowMissingClassNamesTheLine() throws Exception {
    Path f = write("rows.csv", "text,class\n\"a, b\",x\n\"multi\nline\",y\nno class here\n");
    DataException e = assertThrows(DataException.class, () -> new LabeledTextReader().read(f));
    assertTrue(e.getMessage().contains("rows.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("line 5 has no class in column 'class'"), e.getMessage());
  }

  @Test
  void csvRowWithEmptyClassField() throws Exception {
    Path f = write("rows.csv", "text,class\nhello,\n");
    DataException e = assertThrows(DataException.class, () -> new LabeledTextReader().read(f));
    assertTrue(e.getMessage().contains("line 2 has no class"), e.getMessage());
  }

  @Test
  void csvHeaderWithoutColumn() throws Exception {
    Path f = write("h.csv", "body,class\nx,1\n");
    DataException e = assertThrows(DataException.class, () -> new LabeledTextReader().read(f));
    assertTrue(e.getMessage().contains("h.csv") && e.getMessage().contains("no column 'text'")
        && e.getMessage().contains("text-column"), e.getMessage());
  }

  @Test
  void csvUnterminatedQuote() throws Exception {
    Path f = write("q.csv", "text,class\n\"open,1\n");
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> new LabeledTextReader().read(f));
    assertTrue(e.getMessage().contains("q.csv") && e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void testFileUsesTrainingClasses() throws Exception {
    Path test = write("t.json", "[{\"text\":\"a\",\"class\":\"pos\"}]");
    TextDataset ds = new LabeledTextReader().read(test, List.of("neg", "pos"));
    assertEquals(1, ds.label(0));
    Path other = write("o.json", "[{\"text\":\"a\",\"class\":\"meh\"}]");
    DataException e = assertThrows(DataException.class, () -> new LabeledTextReader().read(other, List.of("neg", "pos")));
    assertTrue(e.getMessage().contains("'meh' is not among the training classes"), e.getMessage());
  }

  @Test
  void formatSniffedWithoutExtension() throws Exception {
    Path json = write("data", "  [{\"text\":\"a\",\"class\":\"x\"}]");
    Path csv = write("data2", "text,class\nb,y\n");
    assertEquals("a", new LabeledTextReader().read(json).get(0));
    assertEquals("b", new LabeledTextReader().read(csv).get(0));
  }

  @Test
  void sotuReaderLabelsByParty() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("sotu"));
    Files.writeString(folder.resolve("1790_a_n.json"), "{\"year\":1790,\"name\":\"A\",\"party\":\"none\",\"text\":\"one\"}");
    Files.writeString(folder.resolve("1801_b_d.json"), "{\"year\":1801,\"name\":\"B\",\"party\":\"Dem\",\"text\":\"two\"}");
    Files.writeString(folder.resolve("1790_a_n.txt"), "ignored");
    TextDataset ds = new SotuReader().read(folder);
    assertEquals(List.of("one", "two"), ds.texts());
    assertEquals(List.of("Dem", "none"), ds.classNames());
    assertEquals(1, ds.label(0));
    assertEquals(1790, new SotuReader().speeches(folder).get(0).year());
    Files.writeString(folder.resolve("1802_c.json"), "{\"year\":1802,\"name\":\"C\",\"party\":\"x\"}");
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> new SotuReader().read(folder));
    assertTrue(e.getMessage().contains("1802_c.json") && e.getMessage().contains("no \"text\""), e.getMessage());
  }

  @Test
  void holdOutIsSeededAndDisjoint() {
    TextDataset all = new TextDataset(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
    DataSplits<String> s1 = Splits.holdOut(all, 0.3, 7);
    DataSplits<String> s2 = Splits.holdOut(all, 0.3, 7);
    assertEquals(7, s1.train().size());
    assertEquals(3, s1.test().orElseThrow().size());
    for (int i = 0; i < 3; i++) {
      assertEquals(s1.test().get().get(i), s2.test().get().get(i));
    }
    assertTrue(Splits.holdOut(all, 0, 7).test().isEmpty());
  }
}
