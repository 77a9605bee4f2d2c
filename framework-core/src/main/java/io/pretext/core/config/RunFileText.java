package io.pretext.core.config;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a run file as text before any YAML parser sees it: at most a byte limit (so {@code
 * /dev/zero}, an endless FIFO or a huge file is refused without reading it all), strictly as UTF-8
 * (a bad byte is reported with its offset, line and column), and without the control characters
 * YAML forbids (reported with their line). The limit is {@value #DEFAULT_LIMIT} bytes unless the
 * environment variable {@value #LIMIT_VARIABLE} gives another.
 */
public final class RunFileText {
  /** The environment variable that raises (or lowers) the limit, in bytes. */
  public static final String LIMIT_VARIABLE = "PRETEXT_MAX_CONFIG_BYTES";
  /** 1 MiB: run files are a few kilobytes. */
  public static final long DEFAULT_LIMIT = 1L << 20;

  private final long limit;

  /** @param limit the most bytes a run file may hold */
  public RunFileText(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1 byte, got " + limit);
    }
    this.limit = limit;
  }

  /** The limit from {@value #LIMIT_VARIABLE}, or {@value #DEFAULT_LIMIT}. */
  public static RunFileText fromEnvironment() {
    String value = System.getenv(LIMIT_VARIABLE);
    if (value == null || value.isBlank()) {
      return new RunFileText(DEFAULT_LIMIT);
    }
    try {
      return new RunFileText(Long.parseLong(value.trim()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(LIMIT_VARIABLE, new ConfigProblem("<environment>", "'" + shorten(value, 40)
          + "' is not a byte count of 1 or more; set " + LIMIT_VARIABLE + " to a number of bytes, e.g. "
          + DEFAULT_LIMIT + ", or unset it", 0));
    }
  }

  /** The limit in bytes. */
  public long limit() {
    return limit;
  }

  /**
   * Reads the file.
   *
   * @throws ConfigException naming the file when it is missing, unreadable, over the limit, not
   *     UTF-8, or holds a forbidden control character
   */
  public String read(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.isRegularFile(file) && Files.size(file) > limit) {
        throw tooLarge(source, Files.size(file) + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, new ConfigProblem("<file>",
          "no such file; give the path of a run's YAML file (see configs/)", 0));
    } catch (IOException e) {
      throw new ConfigException(source, new ConfigProblem("<file>", "cannot be read (" + e.getMessage()
          + "); check that it is a readable YAML file", 0));
    }
    if (bytes.length > limit) {
      throw tooLarge(source, "more than " + limit + " bytes (it may be endless, like /dev/zero)");
    }
    return text(source, bytes);
  }

  /** Decodes bytes read from {@code source} with the same checks as {@link #read}. */
  public String text(String source, byte[] bytes) {
    if (bytes.length > limit) {
      throw tooLarge(source, bytes.length + " bytes");
    }
    String text = decode(source, bytes);
    checkControlCharacters(source, text);
    return text;
  }

  private ConfigException tooLarge(String source, String size) {
    return new ConfigException(source, new ConfigProblem("<file>", "the file holds " + size
        + ", over the limit of " + limit + " bytes for a run file; give a run's YAML file, or raise the limit with the"
        + " environment variable " + LIMIT_VARIABLE + "=BYTES", 0));
  }

  private static String decode(String source, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String hex = hex(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + result.length())));
      throw new ConfigException(source, new ConfigProblem("<file>", "not UTF-8 text: byte offset " + offset
          + " (column " + (offset - lineStart + 1) + ") holds " + hex + ", which is not valid UTF-8; save the file as"
          + " UTF-8 (e.g. in your editor's 'save with encoding', or iconv -f latin1 -t utf-8)", line));
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  private static void checkControlCharacters(String source, String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if (forbidden(c)) {
        throw new ConfigException(source, new ConfigProblem("<file>", String.format(
            "column %d holds the control character U+%04X, which YAML does not allow; remove it (write it as an escape"
                + " such as \"\\x%02X\" inside double quotes if you need it)", column, (int) c, (int) c & 0xFF), line));
      }
      column++;
    }
  }

  /** YAML's non-printable characters (YAML 1.1 section 5.1), but for the BOM. */
  private static boolean forbidden(char c) {
    if (c == '\t' || c == '\r' || c == 0x85) {
      return false;
    }
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format("0x%02X", b & 0xFF));
    }
    return sb.toString();
  }

  /** {@code text} cut to {@code max} characters, saying how long it was. */
  public static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
  }
}
