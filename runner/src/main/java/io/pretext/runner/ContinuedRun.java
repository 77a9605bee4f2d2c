package io.pretext.runner;

import io.pretext.api.PretextUserException;
import io.pretext.core.config.PluginSchemas;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.train.CheckpointStore;
import io.pretext.core.integrity.RunManifest;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.WarmStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The earlier run a run continues from ({@code train.init-from}), e.g. masked-token pretraining on
 * speeches continued on unlabeled reviews (domain-adaptive pretraining, Gururangan et al. 2020;
 * ULMFiT's target-task language-model fine-tuning, Howard and Ruder 2018). When the encoder, task
 * and head sections are the same as this run's, the whole pretext model is taken from the earlier
 * run's newest checkpoint (the token head keeps its bias); otherwise only the encoder.
 */
final class ContinuedRun {
  private ContinuedRun() {}

  /**
   * @throws PretextUserException when the directory is not a finished run
   */
  static WarmStart warmStart(Path earlier, RunConfig config, PluginSchemas schemas) {
    RunDirectory dir = RunDirectory.open(earlier);
    Path encoder = dir.encoderParameters();
    if (!Files.isRegularFile(encoder) || !Files.isRegularFile(dir.config())) {
      throw new PretextUserException("train.init-from: " + earlier + " is not a finished run (it has no "
          + "config.yaml or encoder/encoder.params). Give the directory of a run whose pretraining finished.");
    }
    RunManifest.verifyIfListed(encoder);
    RunConfig before = new RunConfigLoader(schemas).load(dir.config(), List.of());
    boolean sameModel = before.encoder().equals(config.encoder()) && before.pretext().equals(config.pretext())
        && before.head().equals(config.head());
    Optional<CheckpointStore.Checkpoint> latest = sameModel
        ? new CheckpointStore(dir.checkpoints(), before.trainSettings().keepCheckpoints()).newestValid()
        : Optional.empty();
    return latest.map(WarmStart::of).orElseGet(() -> WarmStart.encoderOnly(encoder));
  }
}
