package io.pretext.runner;

import io.pretext.api.PretextUserException;
import io.pretext.core.integrity.RunManifest;
import io.pretext.core.integrity.WriteFailures;
import io.pretext.core.train.RunDirectory;
import io.pretext.api.transfer.LinearClassifier;
import io.pretext.downstream.TransferResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The downstream probes of a run on disk: {@code downstream/probe-<budget>.json}, one
 * {@link LinearClassifier} per label budget (a budget such as {@code 10%} is written {@code 10pct}),
 * written by the transfer step and read by {@code pretext export} for {@code classifier.onnx}.
 */
public final class ProbeFiles {
  static final String DIRECTORY = "downstream";
  private static final Pattern NAME = Pattern.compile("probe-([0-9.]+)(pct)?\\.json");

  private ProbeFiles() {}

  /** The file of one budget. */
  static Path file(RunDirectory run, String budget) {
    return run.root().resolve(DIRECTORY).resolve("probe-" + budget.replace("%", "pct") + ".json");
  }

  /** Writes every classifier the transfer results carry. */
  static void writeAll(RunDirectory run, TransferResults results) {
    java.util.Set<String> written = new java.util.HashSet<>();
    for (TransferResults.Cell cell : results.cells()) {
      // with several subset seeds, the first seed's probe is the budget's file
      if (cell.result().classifier().isPresent() && written.add(cell.method() + "\u0000" + cell.budget())) {
        Path file = file(run, cell.budget());
        try {
          cell.result().classifier().get().write(file);
          RunManifest.of(run.root()).record(file);
        } catch (IOException e) {
          throw WriteFailures.isDiskFull(e) ? WriteFailures.diskFull("write the downstream probe", file, e)
              : new PretextUserException("Cannot write the downstream probe " + file + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** The probe of the largest label budget, if the run's downstream step saved any. */
  public static Optional<Path> largest(RunDirectory run) {
    Path dir = run.root().resolve(DIRECTORY);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
          .max(Comparator.comparingDouble(ProbeFiles::budgetOf));
    } catch (IOException e) {
      throw new PretextUserException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static double budgetOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Double.parseDouble(m.group(1)) : -1;
  }
}
