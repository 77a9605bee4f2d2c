package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.TextDataset;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads labeled texts from a JSON array of objects ({@code [{"text": "...", "class": "pos"}, ...]},
 * the class a string or an integer) or from a CSV file whose header names a text and a class
 * column. The format is chosen by the extension ({@code .json}, {@code .csv}), else by the content.
 * Class names are sorted (numerically when all are integers) to give the class indices.
 */
public final class LabeledTextReader {
  private static final Logger LOG = LoggerFactory.getLogger(LabeledTextReader.class);

  /**
   * @param textKey the JSON key or CSV column holding the text
   * @param classKey the JSON key or CSV column holding the class
   * @param skipBlankEntries skip entries whose text is blank (e.g. a trailing placeholder) instead of failing
   */
  public record Options(String textKey, String classKey, boolean skipBlankEntries) {
    public static Options defaults() {
      return new Options("text", "class", false);
    }
  }

  private record Entry(String text, String label) {}

  private final Options options;

  public LabeledTextReader() {
    this(Options.defaults());
  }

  public LabeledTextReader(Options options) {
    this.options = options;
  }

  /** Reads a file; the class names are those found in it. */
  public TextDataset read(Path file) {
    return read(file, null);
  }

  /**
   * Reads a file with given class names (e.g. the training split's, for a test split); null means
   * take them from the file. A class not among given names is an error.
   */
  public TextDataset read(Path file, List<String> classNames) {
    String content = readText(file);
    List<Entry> entries = isJson(file, content) ? json(file, content) : csv(file, content);
    if (entries.isEmpty()) {
      throw new DataException(file, "no labeled texts found");
    }
    List<String> names = classNames != null ? classNames : ClassNames.sorted(entries.stream().map(Entry::label).toList());
    List<String> texts = new ArrayList<>(entries.size());
    int[] labels = new int[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      texts.add(entries.get(i).text());
      labels[i] = names.indexOf(entries.get(i).label());
      if (labels[i] < 0) {
        throw new DataException(file, "class '" + entries.get(i).label() + "' is not among the training classes " + names);
      }
    }
    return new TextDataset(texts, labels, names);
  }

  private static boolean isJson(Path file, String content) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".csv")) {
      return false;
    }
    return content.stripLeading().startsWith("[");
  }

  private List<Entry> json(Path file, String content) {
    JsonElement root;
    try {
      root = JsonParser.parseString(content);
    } catch (JsonParseException e) {
      throw new CorruptDataException(file, "not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonArray()) {
      throw new CorruptDataException(file, "expected a JSON array of {\"" + options.textKey() + "\": ..., \""
          + options.classKey() + "\": ...} objects");
    }
    JsonArray array = root.getAsJsonArray();
    List<Entry> out = new ArrayList<>(array.size());
    int skipped = 0;
    for (int i = 0; i < array.size(); i++) {
      String where = "entry " + i + " (0-based)";
      if (!array.get(i).isJsonObject()) {
        throw new CorruptDataException(file, where + " is not a JSON object");
      }
      JsonObject o = array.get(i).getAsJsonObject();
      String text = jsonText(file, o, where);
      if (text != null && text.isBlank() && options.skipBlankEntries()) {
        skipped++;
        continue;
      }
      if (text == null) {
        throw new DataException(file, where + " has no \"" + options.textKey() + "\" text");
      }
      out.add(new Entry(text, jsonClass(file, o, where)));
    }
    logSkipped(file, skipped);
    return out;
  }

  private String jsonText(Path file, JsonObject o, String where) {
    JsonElement t = o.get(options.textKey());
    if (t == null || t.isJsonNull()) {
      return null;
    }
    if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()) {
      throw new DataException(file, where + ": \"" + options.textKey() + "\" must be a string, found " + t);
    }
    return t.getAsString();
  }

  private String jsonClass(Path file, JsonObject o, String where) {
    JsonElement c = o.get(options.classKey());
    if (c == null || c.isJsonNull()) {
      throw new DataException(file, where + " has no \"" + options.classKey() + "\" class");
    }
    if (c.isJsonPrimitive()) {
      JsonPrimitive p = c.getAsJsonPrimitive();
      if (p.isString() && !p.getAsString().isBlank()) {
        return p.getAsString();
      }
      if (p.isNumber()) {
        BigDecimal d = p.getAsBigDecimal();
        if (d.stripTrailingZeros().scale() <= 0) {
          return d.toBigInteger().toString();
        }
      }
    }
    throw new DataException(file, where + ": \"" + options.classKey() + "\" must be a non-empty string or an integer,"
        + " found " + c);
  }

  private List<Entry> csv(Path file, String content) {
    List<CsvParser.Row> rows;
    try {
      rows = new CsvParser().parse(content);
    } catch (CsvParser.MalformedCsvException e) {
      throw new CorruptDataException(file, "line " + e.line() + ": " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new DataException(file, "empty CSV file; expected a header with columns '" + options.textKey()
          + "' and '" + options.classKey() + "'");
    }
    List<String> header = rows.get(0).fields().stream().map(String::strip).toList();
    int textCol = column(file, header, options.textKey(), "text-column");
    int classCol = column(file, header, options.classKey(), "class-column");
    List<Entry> out = new ArrayList<>(rows.size() - 1);
    int skipped = 0;
    for (CsvParser.Row row : rows.subList(1, rows.size())) {
      String text = field(row, textCol);
      if (text.isBlank() && options.skipBlankEntries()) {
        skipped++;
        continue;
      }
      if (text.isBlank()) {
        throw new DataException(file, "line " + row.line() + " has no text in column '" + options.textKey() + "'");
      }
      String label = field(row, classCol).strip();
      if (label.isEmpty()) {
        throw new DataException(file, "line " + row.line() + " has no class in column '" + options.classKey() + "'");
      }
      out.add(new Entry(text, label));
    }
    logSkipped(file, skipped);
    return out;
  }

  private static int column(Path file, List<String> header, String name, String key) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new DataException(file, "the CSV header (line 1) " + header + " has no column '" + name
          + "'; name the right column with " + key);
    }
    return i;
  }

  private static String field(CsvParser.Row row, int col) {
    return col < row.fields().size() ? row.fields().get(col) : "";
  }

  private static void logSkipped(Path file, int skipped) {
    if (skipped > 0) {
      LOG.info("Skipped {} entries with blank text in {}", skipped, file);
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file, "file not found; check the path");
    } catch (CharacterCodingException e) {
      throw new CorruptDataException(file, "not valid UTF-8 text; save it as UTF-8", e);
    } catch (IOException e) {
      throw new DataException(file, "cannot read file: " + e.getMessage(), e);
    }
  }
}
