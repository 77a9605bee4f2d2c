package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.TextDataset;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads State of the Union addresses: a folder of JSON files, one per speech, each an object
 * {@code {"year": 1790, "name": "George Washington", "party": "none", "text": "..."}}.
 */
public final class SotuReader {

  /** One address. */
  public record Speech(int year, String name, String party, String text, Path file) {}

  /** All speeches in the folder's {@code *.json} files, ordered by file name (hence by year). */
  public List<Speech> speeches(Path folder) {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new DataException(folder, "cannot list the speeches folder: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new DataException(folder, "no speech files (*.json) found");
    }
    List<Speech> out = new ArrayList<>(files.size());
    for (Path f : files) {
      out.add(speech(f));
    }
    return out;
  }

  /** The speeches' texts, labeled by the speaker's party (class names sorted). */
  public TextDataset read(Path folder) {
    List<Speech> speeches = speeches(folder);
    List<String> parties = ClassNames.sorted(speeches.stream().map(Speech::party).toList());
    int[] labels = speeches.stream().mapToInt(s -> parties.indexOf(s.party())).toArray();
    return new TextDataset(speeches.stream().map(Speech::text).toList(), labels, parties);
  }

  private static Speech speech(Path file) {
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(Files.readString(file));
      if (!e.isJsonObject()) {
        throw new CorruptDataException(file, "expected a JSON object with year, name, party and text");
      }
      o = e.getAsJsonObject();
    } catch (IOException | JsonParseException e) {
      throw new CorruptDataException(file, "cannot read speech JSON: " + e.getMessage(), e);
    }
    for (String key : List.of("year", "name", "party", "text")) {
      if (!o.has(key) || o.get(key).isJsonNull()) {
        throw new CorruptDataException(file, "speech has no \"" + key + "\"");
      }
    }
    try {
      return new Speech(o.get("year").getAsInt(), o.get("name").getAsString(), o.get("party").getAsString(),
          o.get("text").getAsString(), file);
    } catch (RuntimeException e) {
      throw new CorruptDataException(file, "speech fields have the wrong types (year a number, the others strings)", e);
    }
  }
}
