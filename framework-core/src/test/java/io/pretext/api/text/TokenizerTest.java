package io.pretext.api.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import io.pretext.core.data.fetch.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizerTest {
  static final List<String> CORPUS = List.of(
      "I am an instructor.", "You are a student.", "We are the instructors of the class.",
      "The instruction was clear, and the students learned.", "I am here; you are there!",
      "Teachers instruct, students construct.", "Don't stop the instructing.", "I am what I am.");

  static Tokenizer tokenizer() {
    return Tokenizer.train(CORPUS, new TokenizerSettings(120, 2, true, true, 16));
  }

  @ParameterizedTest
  @ValueSource(strings = {"I am an instructor.", "The students are instructors!", "Don't construct, instruct."})
  void textRoundTripsThroughEncodeAndDecode(String text) {
    Tokenizer t = tokenizer();
    String normalised = String.join(" ", t.normalizer().words(text));
    assertEquals(normalised, t.decode(t.encode(text)));
  }

  @Test
  void encodingFramesWithClsAndSepAndKeepsSpecialTokens() {
    Tokenizer t = tokenizer();
    int[] ids = t.encode("I [MASK] an instructor.");
    assertEquals(SpecialTokens.CLS, ids[0]);
    assertEquals(SpecialTokens.SEP, ids[ids.length - 1]);
    assertEquals(SpecialTokens.MASK, ids[2]);
    assertEquals("i [MASK] an instructor .", t.decode(ids));
    assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"),
        List.of(t.token(0), t.token(1), t.token(2), t.token(3), t.token(4)));
  }

  @Test
  void unseenWordsAreSpelledFromPiecesAndUnknownCharactersBecomeUnk() {
    Tokenizer t = tokenizer();
    List<String> pieces = t.pieces("constructed");
    assertTrue(pieces.size() > 1 && pieces.stream().skip(1).allMatch(p -> p.startsWith("##")), pieces.toString());
    assertEquals("constructed", t.decode(t.encode("constructed")));
    assertEquals(List.of("[UNK]"), t.pieces("reinstructed")); // no word of the corpus starts with r
    int[] ids = t.encode("I am an instructor 🙂 zq");
    assertEquals("i am an instructor [UNK] [UNK]", t.decode(ids));
  }

  @Test
  void longTextIsTruncatedToTheMaxLength() {
    Tokenizer t = tokenizer();
    int[] ids = t.encode("I am an instructor. ".repeat(20));
    assertEquals(16, ids.length);
    assertEquals(SpecialTokens.SEP, ids[15]);
  }

  @Test
  void trainingIsDeterministicAndIgnoresCorpusOrder() {
    List<String> reversed = new java.util.ArrayList<>(CORPUS);
    java.util.Collections.reverse(reversed);
    assertEquals(tokenizer(), Tokenizer.train(reversed, new TokenizerSettings(120, 2, true, true, 16)));
  }

  @Test
  void vocabularySizeIsRespectedAndFrequentWordsBecomeWhole() {
    Tokenizer t = tokenizer();
    assertTrue(t.vocabularySize() <= 120, "size " + t.vocabularySize());
    assertEquals(List.of("i", "am"), t.pieces("I am"));
    assertEquals(List.of("the"), t.pieces("the"));
  }

  @Test
  void caseAndPunctuationSplittingAreConfigurable() {
    Tokenizer cased = Tokenizer.train(CORPUS, new TokenizerSettings(200, 2, false, false, 16));
    assertEquals(List.of("I", "[MASK]", "instructor."), cased.normalizer().words("I [MASK] instructor."));
    assertEquals("I am", cased.decode(cased.encode("I am")));
  }

  @Test
  void saveAndLoadGiveTheSameTokenizer(@TempDir Path dir) throws IOException {
    Tokenizer t = tokenizer();
    t.save(dir);
    List<String> lines = Files.readAllLines(dir.resolve("vocab.txt"));
    assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"), lines.subList(0, 5));
    assertEquals(t.vocabularySize(), lines.size());
    Tokenizer back = Tokenizer.load(dir);
    assertEquals(t, back);
    assertArrayEquals(t.encode("I am an instructor."), back.encode("I am an instructor."));
  }

  @Test
  void loadingAMissingOrDamagedTokenizerSaysWhatIsWrong(@TempDir Path dir) throws IOException {
    PretextUserException missing = assertThrows(PretextUserException.class, () -> Tokenizer.load(dir));
    assertTrue(missing.getMessage().contains("vocab.txt"), missing.getMessage());
    tokenizer().save(dir);
    Files.writeString(dir.resolve("tokenizer.json"), "{\"algorithm\": \"bpe\"}");
    PretextUserException bad = assertThrows(PretextUserException.class, () -> Tokenizer.load(dir));
    assertTrue(bad.getMessage().contains("unknown tokenizer algorithm 'bpe'"), bad.getMessage());
  }

  @Test
  void theFingerprintNamesTheVocabularyBySha256AndChangesWithIt(@TempDir Path dir) throws IOException {
    tokenizer().save(dir);
    String fingerprint = Tokenizer.fingerprint(dir);
    assertEquals("vocab.txt sha256:" + Sha256.of(dir.resolve("vocab.txt")), fingerprint);
    Files.writeString(dir.resolve("vocab.txt"), "extra\n", java.nio.file.StandardOpenOption.APPEND);
    assertTrue(!Tokenizer.fingerprint(dir).equals(fingerprint));
  }
}
