package io.pretext.core.onnx;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work on a thread with a 16 MiB stack and waits for it. ONNX Runtime 1.29's native
 * start-up (the first {@code OrtEnvironment.getEnvironment()}) needs more than the 1 MiB a Java
 * thread gets by default on Linux x86-64: on a thread of that size the JVM can die with SIGSEGV
 * and no error report, depending on what else the process has loaded (seen here with the PyTorch
 * natives on the classpath). Call ONNX Runtime's first use through this, or start the JVM with
 * {@code -Xss4m} or more.
 */
public final class LargeStack {
  /** The stack size of the worker thread. */
  public static final long STACK_BYTES = 16L << 20;

  private LargeStack() {}

  /**
   * Runs {@code work} on a fresh thread with a {@link #STACK_BYTES} stack and returns its result;
   * its exception, if any, is rethrown here (checked ones wrapped in an IllegalStateException).
   */
  public static <T> T call(String name, Callable<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.call());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, name, STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " was interrupted", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(name + " failed: " + t.getMessage(), t);
    }
    return result.get();
  }
}
