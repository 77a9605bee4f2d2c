package io.pretext.core.engine;

import io.pretext.api.runtime.ComputeEngine;
import ai.djl.Device;
import ai.djl.engine.Engine;
import io.pretext.api.PretextUserException;
import ai.djl.pytorch.jni.JniUtils;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares DJL to run offline on the PyTorch engine with natives from the classpath jars: sets
 * offline mode, the cache folder the natives are extracted to (about 430 MB the first time), the
 * default engine and the compute threads. Call {@link #start()} before anything touches DJL;
 * calling it again is harmless.
 *
 * <p>The cache folder is, in order: the constructor argument, {@code $PRETEXT_DJL_CACHE}, {@code
 * ~/.cache/pretext/djl}.
 */
public final class EngineSetup implements ComputeEngine {
  /** The environment variable that overrides the default DJL cache folder. */
  public static final String CACHE_ENV = "PRETEXT_DJL_CACHE";
  static final String OFFLINE = "ai.djl.offline";
  static final String DEFAULT_ENGINE = "ai.djl.default_engine";
  static final String INTRA_OP = "ai.djl.pytorch.num_threads";
  static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";
  static final String ENGINE_NAME = "PyTorch";

  private static final Logger LOG = LoggerFactory.getLogger(EngineSetup.class);

  private final Path cacheDir;
  private final int threads;
  private final String device;

  /** Uses the default cache folder ({@code $PRETEXT_DJL_CACHE} or {@code ~/.cache/pretext/djl}). */
  public EngineSetup(RuntimeSettings settings) {
    this(settings, null);
  }

  /**
   * @param cacheDir where DJL keeps its extracted natives; null for the default
   */
  public EngineSetup(RuntimeSettings settings, Path cacheDir) {
    Objects.requireNonNull(settings, "settings");
    this.cacheDir = (cacheDir != null ? cacheDir : defaultCacheDir()).toAbsolutePath();
    this.threads = settings.threads();
    this.device = settings.device();
  }

  /** {@code $PRETEXT_DJL_CACHE}, else {@code ~/.cache/pretext/djl}. */
  public static Path defaultCacheDir() {
    String env = System.getenv(CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "pretext", "djl");
  }

  public Path cacheDir() {
    return cacheDir;
  }

  @Override
  public int threads() {
    return threads;
  }

  /**
   * Sets the system properties DJL reads, loads the PyTorch engine and applies the thread count.
   * When the engine was already loaded (by an earlier call), the intra-op thread count is updated
   * in place; the inter-op count can only be set once per process.
   *
   * @return the PyTorch engine
   */
  @Override
  public Engine start() {
    System.setProperty(OFFLINE, "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty(DEFAULT_ENGINE, ENGINE_NAME);
    System.setProperty("DJL_CACHE_DIR", cacheDir.toString());
    System.setProperty("ENGINE_CACHE_DIR", cacheDir.toString());
    System.setProperty(INTRA_OP, Integer.toString(threads));
    System.setProperty(INTER_OP, Integer.toString(threads));
    Engine engine = Engine.getEngine(ENGINE_NAME);
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
    if (JniUtils.getNumInteropThreads() != threads) {
      LOG.debug("PyTorch inter-op threads stay at {} (set once per process), asked for {}",
          JniUtils.getNumInteropThreads(), threads);
    }
    LOG.debug("DJL engine {} {} ready: offline, cache {}, {} intra-op threads", engine.getEngineName(),
        engine.getVersion(), cacheDir, JniUtils.getNumThreads());
    return engine;
  }

  /**
   * The DJL device named by the run's {@code device} setting ({@code cpu} or {@code gpu}); starts
   * the engine if needed.
   *
   * @throws PretextUserException when a GPU is asked for and none is visible, or the name is unknown
   */
  @Override
  public Device device() {
    Engine engine = start();
    switch (device) {
      case "cpu":
        return Device.cpu();
      case "gpu":
        if (engine.getGpuCount() < 1) {
          throw new PretextUserException("The run asks for device 'gpu', but PyTorch sees no GPU (the framework"
              + " ships CPU natives). Set device: cpu.");
        }
        return Device.gpu();
      default:
        throw new PretextUserException("Unknown device '" + device + "'. Use cpu or gpu.");
    }
  }
}
