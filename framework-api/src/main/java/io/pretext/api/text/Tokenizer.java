package io.pretext.api.text;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.pretext.api.PretextUserException;
import io.pretext.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece tokenizer (Wu et al. 2016; as BERT uses it): text is normalised and split into words
 * ({@link TextNormalizer}), each word into the longest vocabulary pieces from its start, pieces
 * after the first written {@code ##piece}; a word that cannot be spelled from the pieces is
 * {@code [UNK]}. Ids 0..4 are {@code [PAD] [UNK] [CLS] [SEP] [MASK]}. The vocabulary is learned
 * from a corpus by {@link #train}; the same corpus and settings give the same vocabulary.
 *
 * <p>On disk ({@link #save}, {@link #load}): {@code vocab.txt}, one token per line, id = line
 * number from 0, and {@code tokenizer.json} with the algorithm, lower-casing, punctuation
 * splitting and max length; {@link #fingerprint} names a vocabulary file by its sha256, which an
 * exported text model records so that inference can check it has the right one. Immutable and
 * thread-safe.
 *
 * <p>A contract helper: a text task learns or loads one, the runner loads one beside an exported
 * model, without either knowing the other.
 */
public final class Tokenizer {
  /** The vocabulary file in a tokenizer folder. */
  public static final String VOCABULARY_FILE = "vocab.txt";
  /** The settings file in a tokenizer folder. */
  public static final String SETTINGS_FILE = "tokenizer.json";
  static final String ALGORITHM = "wordpiece";
  /** Words longer than this many characters are [UNK] (as BERT's tokenizer). */
  private static final int MAX_WORD_CHARS = 100;
  private final List<String> vocabulary;
  private final Map<String, Integer> ids;
  private final TextNormalizer normalizer;
  private final int maxLength;

  /**
   * @param vocabulary the tokens in id order, starting with the five special tokens
   * @param normalizer how text is split into words
   * @param maxLength the longest encoded sequence, >= 2
   */
  public Tokenizer(List<String> vocabulary, TextNormalizer normalizer, int maxLength) {
    if (vocabulary.size() < SpecialTokens.COUNT || !vocabulary.subList(0, SpecialTokens.COUNT).equals(SpecialTokens.ALL)) {
      throw new IllegalArgumentException("a vocabulary must start with " + SpecialTokens.ALL);
    }
    if (maxLength < 2) {
      throw new IllegalArgumentException("max length must be >= 2 ([CLS] and [SEP]), got " + maxLength);
    }
    this.vocabulary = List.copyOf(vocabulary);
    this.ids = new HashMap<>();
    for (int i = 0; i < this.vocabulary.size(); i++) {
      if (ids.putIfAbsent(this.vocabulary.get(i), i) != null) {
        throw new IllegalArgumentException("token '" + this.vocabulary.get(i) + "' appears twice in the vocabulary");
      }
    }
    this.normalizer = normalizer;
    this.maxLength = maxLength;
  }

  /** Learns a vocabulary from the texts with the given settings. */
  public static Tokenizer train(Iterable<String> texts, TokenizerSettings settings) {
    TextNormalizer normalizer = settings.normalizer();
    Map<String, Long> counts = new HashMap<>();
    for (String text : texts) {
      for (String w : normalizer.words(text)) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    List<String> vocabulary = new WordPieceTrainer(settings.vocabularySize(), settings.minPairCount()).train(counts);
    return new Tokenizer(vocabulary, normalizer, settings.maxLength());
  }

  /** The number of tokens, special tokens included. */
  public int vocabularySize() {
    return vocabulary.size();
  }

  /** The longest encoded sequence, [CLS] and [SEP] included. */
  public int maxLength() {
    return maxLength;
  }

  /** How text is split into words before pieces. */
  public TextNormalizer normalizer() {
    return normalizer;
  }

  /** The token of an id. */
  public String token(int id) {
    return vocabulary.get(id);
  }

  /** The id of a token (a piece, {@code ##} included), or [UNK]'s id when it is not in the vocabulary. */
  public int id(String token) {
    return ids.getOrDefault(token, SpecialTokens.UNK);
  }

  /** The pieces of the text, without [CLS], [SEP] or truncation. */
  public List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    for (String word : normalizer.words(text)) {
      if (SpecialTokens.ALL.contains(word)) {
        out.add(word);
      } else {
        out.addAll(wordPieces(word));
      }
    }
    return out;
  }

  /** {@code [CLS]} + the text's piece ids + {@code [SEP]}, the pieces cut to {@code maxLength - 2}. */
  public int[] encode(String text) {
    List<String> pieces = pieces(text);
    int n = Math.min(pieces.size(), maxLength - 2);
    int[] out = new int[n + 2];
    out[0] = SpecialTokens.CLS;
    for (int i = 0; i < n; i++) {
      out[i + 1] = id(pieces.get(i));
    }
    out[n + 1] = SpecialTokens.SEP;
    return out;
  }

  /**
   * The text of the ids: [PAD], [CLS] and [SEP] dropped, {@code ##} pieces joined to the piece
   * before them, other tokens separated by one space. For text within the max length this is the
   * normalised text: {@code decode(encode("I am an Instructor.")) = "i am an instructor ."}.
   */
  public String decode(int[] ids) {
    StringBuilder out = new StringBuilder();
    for (int id : ids) {
      if (id == SpecialTokens.PAD || id == SpecialTokens.CLS || id == SpecialTokens.SEP) {
        continue;
      }
      if (id < 0 || id >= vocabulary.size()) {
        throw new IllegalArgumentException("id " + id + " is outside the vocabulary [0, " + vocabulary.size() + ")");
      }
      String token = vocabulary.get(id);
      if (token.startsWith(WordPieceTrainer.CONTINUATION) && out.length() > 0) {
        out.append(token, WordPieceTrainer.CONTINUATION.length(), token.length());
      } else {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(token);
      }
    }
    return out.toString();
  }

  private List<String> wordPieces(String word) {
    if (word.length() > MAX_WORD_CHARS) {
      return List.of(SpecialTokens.ALL.get(SpecialTokens.UNK));
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      String found = null;
      int end = word.length();
      while (end > start) {
        String piece = (start == 0 ? "" : WordPieceTrainer.CONTINUATION) + word.substring(start, end);
        if (ids.containsKey(piece) && !SpecialTokens.ALL.contains(piece)) {
          found = piece;
          break;
        }
        end = Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
      }
      if (found == null) {
        return List.of(SpecialTokens.ALL.get(SpecialTokens.UNK));
      }
      out.add(found);
      start = end;
    }
    return out;
  }

  /** Writes {@code vocab.txt} and {@code tokenizer.json} into the folder (created if needed). */
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(dir.resolve(VOCABULARY_FILE), String.join("\n", vocabulary) + "\n");
      JsonObject json = new JsonObject();
      json.addProperty("algorithm", ALGORITHM);
      json.addProperty("lowercase", normalizer.lowercase());
      json.addProperty("split-punctuation", normalizer.splitPunctuation());
      json.addProperty("max-length", maxLength);
      json.addProperty("continuation-prefix", WordPieceTrainer.CONTINUATION);
      json.addProperty("vocabulary-size", vocabulary.size());
      AtomicFiles.writeString(dir.resolve(SETTINGS_FILE), new GsonBuilder().setPrettyPrinting().create().toJson(json));
    } catch (IOException e) {
      throw new PretextUserException("Cannot write the tokenizer to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads a tokenizer written by {@link #save}. */
  public static Tokenizer load(Path dir) {
    Path vocabFile = dir.resolve(VOCABULARY_FILE);
    Path settingsFile = dir.resolve(SETTINGS_FILE);
    if (!Files.isRegularFile(vocabFile) || !Files.isRegularFile(settingsFile)) {
      throw new PretextUserException("No tokenizer in " + dir + ": expected " + VOCABULARY_FILE + " and "
          + SETTINGS_FILE + " (a text task such as mlm writes them into RUN_DIR/tokenizer/)");
    }
    try {
      List<String> vocabulary = Files.readAllLines(vocabFile, StandardCharsets.UTF_8);
      while (!vocabulary.isEmpty() && vocabulary.get(vocabulary.size() - 1).isEmpty()) {
        vocabulary.remove(vocabulary.size() - 1);
      }
      JsonObject json = JsonParser.parseString(Files.readString(settingsFile)).getAsJsonObject();
      String algorithm = json.get("algorithm").getAsString();
      if (!ALGORITHM.equals(algorithm)) {
        throw new PretextUserException(settingsFile + ": unknown tokenizer algorithm '" + algorithm + "', expected "
            + ALGORITHM);
      }
      TextNormalizer normalizer = new TextNormalizer(json.get("lowercase").getAsBoolean(),
          json.get("split-punctuation").getAsBoolean());
      return new Tokenizer(vocabulary, normalizer, json.get("max-length").getAsInt());
    } catch (IOException | JsonParseException | IllegalStateException | NullPointerException
        | UnsupportedOperationException e) {
      throw new PretextUserException("Cannot read the tokenizer in " + dir + ": " + e.getMessage()
          + "; the files may be damaged, rerun the pretraining or restore them", e);
    } catch (IllegalArgumentException e) {
      throw new PretextUserException("The tokenizer in " + dir + " is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * What an exported model records of the vocabulary in {@code dir}: {@code vocab.txt
   * sha256:<hex>}.
   *
   * @throws PretextUserException when the file cannot be read
   */
  public static String fingerprint(Path dir) {
    Path vocab = dir.resolve(VOCABULARY_FILE);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(vocab));
      return VOCABULARY_FILE + " sha256:" + HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the vocabulary " + vocab + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tokenizer t && t.vocabulary.equals(vocabulary) && t.normalizer.equals(normalizer)
        && t.maxLength == maxLength;
  }

  @Override
  public int hashCode() {
    return vocabulary.hashCode() * 31 + maxLength;
  }
}
