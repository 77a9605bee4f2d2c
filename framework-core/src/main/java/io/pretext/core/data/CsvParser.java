package io.pretext.core.data;

import io.pretext.api.data.Splits;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180): comma-separated fields, fields in double quotes may hold
 * commas, line breaks and doubled quotes ({@code ""} for one quote). Blank lines are skipped.
 */
public final class CsvParser {

  /** One record and the 1-based line it starts on. */
  public record Row(int line, List<String> fields) {}

  /** Thrown for an unterminated quoted field; carries the line where the field started. */
  public static final class MalformedCsvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;

    MalformedCsvException(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  public List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    int quoteLine = 0;
    boolean quoted = false;
    boolean any = false;
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    for (; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        quoteLine = line;
        any = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, fields, field, rowLine, any);
        any = false;
        line++;
        rowLine = line;
      } else {
        field.append(ch);
        any = true;
      }
    }
    if (quoted) {
      throw new MalformedCsvException(quoteLine, "a quoted field starting on line " + quoteLine + " has no closing quote");
    }
    endRow(rows, fields, field, rowLine, any);
    return rows;
  }

  private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, int line, boolean any) {
    if (any || field.length() > 0) {
      fields.add(field.toString());
      if (!(fields.size() == 1 && fields.get(0).isBlank())) {
        rows.add(new Row(line, List.copyOf(fields)));
      }
    }
    fields.clear();
    field.setLength(0);
  }
}
