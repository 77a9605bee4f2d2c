package io.pretext.api.train;

import ai.djl.training.optimizer.Optimizer;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import ai.djl.training.tracker.Tracker;
import java.util.List;

/**
 * Which optimizer to build and how it decays weights; shared by pretraining and the downstream
 * recipes so that a name means the same optimizer in both.
 *
 * @param name {@code adam} (L2 decay added to the gradient), {@code adamw} (decoupled decay,
 *     Loshchilov and Hutter 2019), {@code sgd} (with momentum) or {@code lars} ({@link Lars}: SGD
 *     with momentum and a layer-wise trust ratio, as SimCLR and BYOL)
 * @param weightDecay the decay coefficient, >= 0
 * @param decayScope {@value #ALL} parameters, or {@value #MATRICES} only (not biases and norm
 *     scales, as BERT); lars decays matrices only whatever the scope, as its papers
 * @param momentum the momentum of sgd and lars
 * @param trustCoefficient lars's trust coefficient η, > 0
 */
public record OptimizerSpec(String name, double weightDecay, String decayScope, double momentum,
    double trustCoefficient) {
  /** Decay every parameter. */
  public static final String ALL = "all";
  /** Decay parameters of two or more dimensions only. */
  public static final String MATRICES = "matrices";
  /** The optimizer names. */
  public static final List<String> NAMES = List.of("adam", "adamw", "sgd", "lars");
  /** LARS's trust coefficient in its papers. */
  public static final double DEFAULT_TRUST_COEFFICIENT = 0.001;

  public OptimizerSpec {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("optimizer must be one of " + NAMES + ", got " + name);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    if (!decayScope.equals(ALL) && !decayScope.equals(MATRICES)) {
      throw new IllegalArgumentException("weight decay scope must be all or matrices, got " + decayScope);
    }
    if (!(trustCoefficient > 0)) {
      throw new IllegalArgumentException("the trust coefficient must be > 0, got " + trustCoefficient);
    }
  }

  /** With lars's trust coefficient at its default, {@value #DEFAULT_TRUST_COEFFICIENT}. */
  public OptimizerSpec(String name, double weightDecay, String decayScope, double momentum) {
    this(name, weightDecay, decayScope, momentum, DEFAULT_TRUST_COEFFICIENT);
  }

  /** Adds lars's {@code trust-coefficient} key to a schema (the {@code train} section reads it). */
  public static ConfigSchema.Builder larsKeys(ConfigSchema.Builder builder) {
    return builder.optional("trust-coefficient", ValueType.real(0, true, 1, false), DEFAULT_TRUST_COEFFICIENT,
        "lars's trust coefficient: how far each layer's step follows its weight-to-gradient norm ratio");
  }

  /**
   * Adds the {@code weight-decay-scope} and {@code gradient-clip} keys to a schema, as the
   * {@code train} section and the fine-tuning recipes both read them.
   */
  public static ConfigSchema.Builder decayScopeAndClipKeys(ConfigSchema.Builder builder) {
    return builder
        .optional("weight-decay-scope", ValueType.oneOf(ALL, MATRICES), ALL,
            "decay all parameters, or matrices only (not biases and norm scales, as BERT)")
        .optional("gradient-clip", ValueType.real(0, false, 1e6, false), 0.0,
            "clip the global gradient norm to this value; 0 for no clipping");
  }

  /** The optimizer, its learning rate following {@code rate}. */
  public Optimizer build(Tracker rate) {
    if (name.equals("lars")) {
      return new Lars(rate, (float) momentum, (float) weightDecay, (float) trustCoefficient);
    }
    Optimizer decayed = build(rate, (float) weightDecay);
    if (decayScope.equals(ALL) || weightDecay == 0) {
      return decayed;
    }
    return new MatrixOnlyWeightDecay(decayed, build(rate, 0f));
  }

  private Optimizer build(Tracker rate, float decay) {
    switch (name) {
      case "adamw":
        return Optimizer.adamW().optLearningRateTracker(rate).optWeightDecays(decay).build();
      case "sgd":
        return Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) momentum).optWeightDecays(decay).build();
      default:
        return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(decay).build();
    }
  }
}
