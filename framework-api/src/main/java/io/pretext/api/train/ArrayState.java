package io.pretext.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pretext.api.spi.TaskState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * One array of task state that is not a parameter, e.g. a MoCo queue of keys or a DINO centre,
 * checkpointed with the model. It lives in the model's manager; {@link #replace} swaps in a new
 * value (made in a step's scope) and closes the old one.
 */
public final class ArrayState implements TaskState {
  private final NDManager manager;
  private NDArray value;

  /**
   * @param initial the first value; it is attached to {@code manager}
   * @param manager where the value lives, e.g. {@link io.pretext.api.spi.ModelContext#manager()}
   */
  public ArrayState(NDArray initial, NDManager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.value = Objects.requireNonNull(initial, "initial");
    initial.attach(manager);
  }

  /** The current value; valid until the next {@link #replace} or {@link #load}. */
  public NDArray value() {
    return value;
  }

  /** Makes {@code next} the value (attaching it to this state's manager) and closes the old one. */
  public void replace(NDArray next) {
    Objects.requireNonNull(next, "next");
    if (next == value) {
      return;
    }
    next.attach(manager);
    NDArray old = value;
    value = next;
    old.close();
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.write(value.encode());
  }

  @Override
  public void load(DataInputStream in, NDManager into) throws IOException {
    NDArray read = into.decode(in);
    if (!read.getShape().equals(value.getShape()) || read.getDataType() != value.getDataType()) {
      ai.djl.ndarray.types.Shape was = read.getShape();
      read.close();
      throw new IOException("task state of shape " + was + " does not fit " + value.getShape());
    }
    replace(read.toDevice(value.getDevice(), false));
  }
}
