package io.pretext.api.spi;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Task state that is not a model parameter but decides the next step, e.g. a MoCo queue or a DINO
 * centre: a task returns it, by name, from {@link PretextTask#taskState}, and the framework writes
 * it into every checkpoint beside the parameters and reads it back with them.
 * {@link io.pretext.api.train.ArrayState} holds one array.
 */
public interface TaskState {

  /** Writes the state; called on the training thread between steps. */
  void save(DataOutputStream out) throws IOException;

  /**
   * Replaces the state with what {@link #save} wrote.
   *
   * @param manager where arrays read back live (the model's manager)
   */
  void load(DataInputStream in, NDManager manager) throws IOException;
}
