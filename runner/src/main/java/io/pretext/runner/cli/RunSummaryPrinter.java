package io.pretext.runner.cli;

import io.pretext.runner.RunPipeline;
import java.io.PrintWriter;

/** The short summary the run commands print at the end. */
final class RunSummaryPrinter {
  private RunSummaryPrinter() {}

  static void print(RunPipeline.Summary s, PrintWriter out) {
    out.println();
    s.pretraining().ifPresent(p -> {
      out.printf("pretraining: %d steps over %d epochs on %d samples, final loss %.4f, %.1f min%n", p.steps(),
          p.epochs(), s.unlabeled(), p.finalLoss(), p.wall().toMillis() / 60000.0);
      out.printf("step time: median %.1f ms, data wait %.1f%% of step time%n", p.medianStepMillis(),
          100 * p.dataWaitFraction());
      if (p.skippedImages() > 0) {
        out.printf("skipped %d image%s that did not decode (skip-bad-images)%n", p.skippedImages(),
            p.skippedImages() == 1 ? "" : "s");
      }
      p.heldOut().ifPresent(h -> out.println("pretext task on " + h.describe()));
    });
    s.transfer().ifPresent(t -> {
      out.println();
      out.print(t.toText());
    });
    s.export().ifPresent(e -> {
      out.println();
      ExportCommand.print(e, out);
    });
    out.println();
    out.println("run directory: " + s.runDir().root());
    out.println("report: " + s.report());
  }
}
