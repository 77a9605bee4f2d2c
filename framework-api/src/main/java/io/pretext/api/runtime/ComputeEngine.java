package io.pretext.api.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The run's one compute engine and device, given to whoever needs them by injection. The framework
 * starts it once per run (offline, natives from the jars, the run's thread count); every array a
 * plugin makes should live in a manager from {@link #newManager()}, so that one device is used
 * everywhere.
 */
public interface ComputeEngine {

  /** The DJL engine, started on first use. */
  Engine start();

  /** The device every model and array of the run lives on. */
  Device device();

  /** Compute threads (intra- and inter-op). */
  int threads();

  /** A new root manager on the run's device; close it when done. */
  default NDManager newManager() {
    return start().newBaseManager(device());
  }

  /** Seeds the engine's generator, which parameter initializers draw from. */
  default void seed(long seed) {
    start().setRandomSeed((int) seed);
  }
}
