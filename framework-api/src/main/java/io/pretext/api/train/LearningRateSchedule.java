package io.pretext.api.train;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate per update: a linear warm-up from 0 to the base rate over {@code warmup}
 * updates, then the base rate (constant) or a linear decay that reaches 0 at update {@code total}
 * (linear), as BERT's schedule (Devlin et al. 2019). Update counts start at 1.
 *
 * @param base the learning rate after warm-up, > 0
 * @param warmup updates of warm-up, >= 0
 * @param total the last update, for the linear decay
 * @param decay whether the rate decays linearly after warm-up
 */
public record LearningRateSchedule(float base, long warmup, long total, boolean decay) implements Tracker {

  @Override
  public float getNewValue(int update) {
    if (warmup > 0 && update < warmup) {
      return base * update / warmup;
    }
    if (!decay || total <= warmup) {
      return base;
    }
    return base * Math.max(0f, (float) (total - update) / (total - warmup));
  }
}
