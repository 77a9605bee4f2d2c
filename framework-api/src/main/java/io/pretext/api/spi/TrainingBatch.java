package io.pretext.api.spi;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The inputs and targets of one pretraining step, in host memory.
 *
 * @param inputs what the task's model receives
 * @param labels what its loss compares the model's output with
 * @param samples how many dataset samples the batch came from (for samples/s)
 */
public record TrainingBatch(List<HostTensor> inputs, List<HostTensor> labels, int samples) {

  public TrainingBatch {
    inputs = List.copyOf(inputs);
    labels = List.copyOf(labels);
  }

  public NDList inputs(NDManager manager) {
    return toList(inputs, manager);
  }

  public NDList labels(NDManager manager) {
    return toList(labels, manager);
  }

  private static NDList toList(List<HostTensor> tensors, NDManager manager) {
    NDList list = new NDList(tensors.size());
    for (HostTensor t : tensors) {
      list.add(t.toNDArray(manager));
    }
    return list;
  }
}
