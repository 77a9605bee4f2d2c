package io.pretext.api.spi;

import io.pretext.api.data.ImageSize;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The run's {@code augment} list: augmenters applied in order, each with its probability. Immutable
 * and thread-safe.
 */
public final class AugmentPipeline {
  private final List<Step> steps;

  /** One augmenter and the probability that it is applied to a sample. */
  public record Step(String name, Augmenter<?> augmenter, double probability) {
    public Step {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability of augmenter '" + name + "' must be in [0, 1], got " + probability);
      }
    }
  }

  public AugmentPipeline(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  public static AugmentPipeline identity() {
    return new AugmentPipeline(List.of());
  }

  public List<Step> steps() {
    return steps;
  }

  /**
   * Applies each step with its probability. The generator decides both whether a step runs and
   * what it does, so the same generator state gives the same result.
   */
  @SuppressWarnings("unchecked")
  public <S> S apply(S sample, RandomGenerator random) {
    S current = sample;
    for (Step step : steps) {
      boolean run = step.probability() >= 1 || random.nextDouble() < step.probability();
      if (run) {
        Augmenter<S> a = (Augmenter<S>) step.augmenter();
        if (!a.sampleType().isInstance(current)) {
          throw new IllegalArgumentException("augmenter '" + step.name() + "' takes " + a.sampleType().getSimpleName()
              + " samples, got " + current.getClass().getSimpleName());
        }
        current = a.apply(current, random);
      }
    }
    return current;
  }

  /**
   * The size of the images this pipeline gives for inputs of the given size ({@link
   * Augmenter#outputSize} step by step); empty when a step does not declare it, or when a step
   * applied with a probability below 1 would change the size (the output could have either). A later
   * step to a fixed size (e.g. a resize) makes it known again.
   */
  public Optional<ImageSize> outputSize(Optional<ImageSize> input) {
    Optional<ImageSize> current = input;
    for (Step step : steps) {
      Optional<ImageSize> next = step.augmenter().outputSize(current);
      current = step.probability() < 1 && !next.equals(current) ? Optional.empty() : next;
    }
    return current;
  }
}
