package io.pretext.core.nn.bench;

import ai.djl.engine.Engine;

/** Starts DJL's PyTorch engine for a benchmark main: offline, the project's native cache, the given threads, seed 0. */
public final class BenchEngine {
  private BenchEngine() {}

  /** Sets what PtEngine reads when it loads (so call before any other DJL call) and loads it. */
  public static Engine start(int threads) {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
    String cache = System.getProperty("user.home") + "/.cache/pretext/djl";
    System.setProperty("DJL_CACHE_DIR", System.getProperty("DJL_CACHE_DIR", cache));
    System.setProperty("ENGINE_CACHE_DIR", System.getProperty("ENGINE_CACHE_DIR", cache));
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed(0);
    return engine;
  }
}
