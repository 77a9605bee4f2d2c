package io.pretext.api.train;

import ai.djl.training.tracker.Tracker;
import java.util.Objects;

/**
 * The learning rate per update: a linear warm-up from 0 to the base rate over {@code warmup}
 * updates, then the base rate ({@link Decay#CONSTANT}), a linear decay that reaches 0 at update
 * {@code total} ({@link Decay#LINEAR}, BERT's schedule, Devlin et al. 2019), or a cosine decay to 0
 * at update {@code total} ({@link Decay#COSINE}, SGDR without restarts, Loshchilov and Hutter 2017;
 * the default of SimCLR, BYOL, MoCo v3 and DINO): {@code base · (1 + cos(π(u − warmup)/(total −
 * warmup)))/2}. Update counts start at 1.
 *
 * @param base the learning rate after warm-up, > 0
 * @param warmup updates of warm-up, >= 0
 * @param total the last update, for the decays
 * @param decay what follows the warm-up
 */
public record LearningRateSchedule(float base, long warmup, long total, Decay decay) implements Tracker {

  /** What follows the warm-up. */
  public enum Decay {
    /** The base rate. */
    CONSTANT,
    /** Linear decay to 0 at the last update. */
    LINEAR,
    /** Cosine decay to 0 at the last update. */
    COSINE;

    /** The decay a {@code schedule} value names: {@code constant}, {@code linear} or {@code cosine}. */
    public static Decay named(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public LearningRateSchedule {
    Objects.requireNonNull(decay, "decay");
  }

  /**
   * @param decay linear decay after warm-up when true, else the constant base rate
   */
  public LearningRateSchedule(float base, long warmup, long total, boolean decay) {
    this(base, warmup, total, decay ? Decay.LINEAR : Decay.CONSTANT);
  }

  @Override
  public float getNewValue(int update) {
    if (warmup > 0 && update < warmup) {
      return base * update / warmup;
    }
    if (decay == Decay.CONSTANT || total <= warmup) {
      return base;
    }
    if (decay == Decay.LINEAR) {
      return base * Math.max(0f, (float) (total - update) / (total - warmup));
    }
    double done = Math.min(1.0, (double) (update - warmup) / (total - warmup));
    return (float) (base * (1 + Math.cos(Math.PI * done)) / 2);
  }
}
