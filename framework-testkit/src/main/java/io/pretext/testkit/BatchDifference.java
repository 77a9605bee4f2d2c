package io.pretext.testkit;

import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.TrainingBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where two training batches differ, value by value, for the contract's messages. */
final class BatchDifference {
  private BatchDifference() {}

  /** The first difference between two batches, e.g. "inputs[0] differs at value 17: 0.25 vs 0.5"; empty when equal. */
  static Optional<String> between(TrainingBatch a, TrainingBatch b) {
    if (a.samples() != b.samples()) {
      return Optional.of("samples " + a.samples() + " vs " + b.samples());
    }
    return tensors("inputs", a.inputs(), b.inputs()).or(() -> tensors("labels", a.labels(), b.labels()));
  }

  private static Optional<String> tensors(String what, List<HostTensor> a, List<HostTensor> b) {
    if (a.size() != b.size()) {
      return Optional.of(what + ": " + a.size() + " tensors vs " + b.size());
    }
    for (int t = 0; t < a.size(); t++) {
      Optional<String> d = tensor(a.get(t), b.get(t));
      if (d.isPresent()) {
        return Optional.of(what + "[" + t + "] " + d.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tensor(HostTensor a, HostTensor b) {
    if (!a.shape().equals(b.shape())) {
      return Optional.of("has shape " + a.shape() + " vs " + b.shape());
    }
    if (a.isFloat() != b.isFloat()) {
      return Optional.of("holds " + (a.isFloat() ? "floats" : "integers") + " vs " + (b.isFloat() ? "floats" : "integers"));
    }
    if (a.isFloat() ? Arrays.equals(a.floats(), b.floats()) : Arrays.equals(a.ints(), b.ints())) {
      return Optional.empty();
    }
    int i = a.isFloat() ? Arrays.mismatch(a.floats(), b.floats()) : Arrays.mismatch(a.ints(), b.ints());
    return Optional.of("differs at value " + i + ": " + (a.isFloat() ? a.floats()[i] + " vs " + b.floats()[i]
        : a.ints()[i] + " vs " + b.ints()[i]));
  }
}
