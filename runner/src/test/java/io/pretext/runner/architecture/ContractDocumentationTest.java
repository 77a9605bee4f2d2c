package io.pretext.runner.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What ArchUnit cannot see, read from the sources: every public type of the contract
 * (framework-api) has a Javadoc comment that opens with a sentence (not a tag), and every package
 * of framework-api and framework-core has a {@code package-info.java} whose comment opens with
 * what the package is: {@code Contract:} or {@code Contract helper:} in framework-api, {@code
 * Engine internals:} in framework-core.
 */
class ContractDocumentationTest {
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^(\\s*)public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
  private static final Path ROOT = projectRoot();
  private static final Path API = ROOT.resolve("framework-api/src/main/java");
  private static final Path CORE = ROOT.resolve("framework-core/src/main/java");

  @Test
  void everyPublicTypeOfTheContractSaysItsJobInJavadoc() {
    List<String> undocumented = new ArrayList<>();
    int types = 0;
    for (Path file : javaFiles(API)) {
      types += undocumentedTypes(API.relativize(file).toString(), read(file), undocumented);
    }
    assertTrue(types > 50, "found only " + types + " public types under " + API);
    assertEquals(List.of(), undocumented, "public types of framework-api without a Javadoc comment");
  }

  @Test
  void everyPackageOfTheContractAndTheEngineSaysWhatItIs() {
    List<String> problems = new ArrayList<>();
    checkPackages(API, List.of("Contract:", "Contract helper:"), problems);
    checkPackages(CORE, List.of("Engine internals:"), problems);
    assertEquals(List.of(), problems);
  }

  @Test
  void theScanFindsATypeWithoutJavadocOrWithATagOnly() {
    List<String> found = new ArrayList<>();
    String source = """
        package x;

        /** Documented: says its job. */
        public final class A {
          /** A nested record, documented. */
          public record B(int b) {}

          public static class C {}
        }

        /**
         * @param d a tag is not a job
         */
        @Deprecated
        public record D(int d) {}
        """;
    assertEquals(4, undocumentedTypes("x/A.java", source, found));
    assertEquals(List.of("x/A.java:8: C", "x/A.java:15: D"), found);
  }

  /** Adds {@code file:line: Type} for each public type without a Javadoc summary; returns the public types seen. */
  private static int undocumentedTypes(String name, String source, List<String> out) {
    String[] lines = source.split("\n", -1);
    int types = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = PUBLIC_TYPE.matcher(lines[i]);
      if (m.find()) {
        types++;
        if (!hasJavadocSummary(lines, i)) {
          out.add(name + ":" + (i + 1) + ": " + m.group(2));
        }
      }
    }
    return types;
  }

  /** Whether the lines above {@code declaration} (past blank lines and annotations) end a Javadoc opening with text. */
  private static boolean hasJavadocSummary(String[] lines, int declaration) {
    int end = declaration - 1;
    while (end >= 0 && (lines[end].isBlank() || lines[end].trim().startsWith("@"))) {
      end--;
    }
    if (end < 0 || !lines[end].trim().endsWith("*/")) {
      return false;
    }
    int start = end;
    while (start >= 0 && !lines[start].contains("/*")) {
      start--;
    }
    if (start < 0 || !lines[start].trim().startsWith("/**")) {
      return false;
    }
    String text = javadocText(lines, start, end);
    return !text.isEmpty() && !text.startsWith("@");
  }

  private static String javadocText(String[] lines, int start, int end) {
    StringBuilder text = new StringBuilder();
    for (int i = start; i <= end; i++) {
      text.append(lines[i].trim().replaceFirst("^/\\*\\*", "").replaceFirst("\\*/$", "").replaceFirst("^\\*", "")
          .trim()).append(' ');
    }
    return text.toString().trim();
  }

  private static void checkPackages(Path sources, List<String> labels, List<String> problems) {
    List<Path> dirs = javaFiles(sources).stream().map(Path::getParent).distinct().sorted().toList();
    assertTrue(dirs.size() > 5, "found only " + dirs.size() + " packages under " + sources);
    for (Path dir : dirs) {
      String pkg = sources.relativize(dir).toString().replace('/', '.');
      Path info = dir.resolve("package-info.java");
      if (!Files.isRegularFile(info)) {
        problems.add(pkg + ": no package-info.java");
        continue;
      }
      String[] lines = read(info).split("\n", -1);
      int end = 0;
      while (end < lines.length && !lines[end].trim().endsWith("*/")) {
        end++;
      }
      String text = lines.length > 0 && lines[0].trim().startsWith("/**") && end < lines.length
          ? javadocText(lines, 0, end) : "";
      if (labels.stream().noneMatch(text::startsWith)) {
        problems.add(pkg + ": package-info.java does not open with " + String.join(" or ", labels) + " (\""
            + text.substring(0, Math.min(60, text.length())) + "\")");
      }
    }
  }

  private static List<Path> javaFiles(Path sources) {
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder above the module that holds framework-api's sources (tests run in the module's folder). */
  private static Path projectRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("framework-api/src/main/java"))) {
        return p;
      }
    }
    throw new IllegalStateException("no framework-api/src/main/java above " + Path.of("").toAbsolutePath());
  }
}
