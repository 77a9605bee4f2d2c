package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.TextDataset;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a UTF-8 text file as an unlabeled text dataset: one sample per non-blank line (trimmed). */
public final class TextLinesReader {

  public TextDataset read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file, "text file not found; check the path");
    } catch (CharacterCodingException e) {
      throw new CorruptDataException(file, "not valid UTF-8 text; save it as UTF-8", e);
    } catch (IOException e) {
      throw new DataException(file, "cannot read text file: " + e.getMessage(), e);
    }
    List<String> samples = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (samples.isEmpty()) {
      throw new DataException(file, "no non-blank lines; expected one text sample per line");
    }
    return new TextDataset(samples);
  }
}
