package io.pretext.core.train;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr: steps done, ETA, loss and samples/s. */
final class ConsoleProgress implements ProgressReporter {
  private ProgressBar bar;

  @Override
  public void start(long totalSteps) {
    close();
    bar = new ProgressBarBuilder()
        .setTaskName("pretrain")
        .setInitialMax(totalSteps)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  @Override
  public void update(long step, int epoch, double loss, double samplesPerSecond) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f %.0f samples/s", epoch, loss, samplesPerSecond));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
