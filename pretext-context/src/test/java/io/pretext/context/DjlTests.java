package io.pretext.context;

import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;

/** Starts the PyTorch engine the way a run does. */
final class DjlTests {
  private DjlTests() {}

  static EngineSetup engine() {
    return new EngineSetup(new RuntimeSettings(7, 2, "cpu", Path.of("unused")));
  }
}
