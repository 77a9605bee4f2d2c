package io.pretext.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TrainingHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An exponential moving average of online networks in target networks, as BYOL (Grill et al.
 * 2020), MoCo (He et al. 2020) and DINO (Caron et al. 2021) keep it: after every optimizer step,
 * {@code θt ← m·θt + (1 − m)·θo} for each parameter the online network trains (not BatchNorm's
 * running statistics, which the target's own forward keeps), outside autograd, in place. Before
 * the first step the target starts as a copy of the online network (every parameter), unless the
 * run restored it ({@link StepContext#parametersRestored()}: {@code train.init-from} of a run with
 * the same model), in which case the loaded target is kept.
 *
 * <p>The momentum is constant or follows BYOL's cosine schedule from its base value to 1 over the
 * run: the update after step {@code k} (counted from 1) of {@code K} uses {@link #cosine}{@code
 * (m0, k − 1, K)}, so the first update uses {@code m0} (as BYOL's and solo-learn's code).
 *
 * <pre>{@code
 * // in buildModel(ModelContext context):
 * Block target = context.newEncoder();
 * MomentumUpdate ema = MomentumUpdate.cosine(0.996).pair(context.encoder(), target); // freezes target
 * // in hooks(model): return List.of(ema);
 * }</pre>
 */
public final class MomentumUpdate implements TrainingHook {
  private final double base;
  private final boolean cosine;
  private final List<TargetPair> pairs;

  /** One online block and its target: their parameters by name. */
  private record TargetPair(Map<String, Parameter> online, Map<String, Parameter> target) {}

  private MomentumUpdate(double base, boolean cosine, List<TargetPair> pairs) {
    if (!(base >= 0 && base <= 1)) {
      throw new IllegalArgumentException("the momentum must be in [0, 1], got " + base);
    }
    this.base = base;
    this.cosine = cosine;
    this.pairs = List.copyOf(pairs);
  }

  /** A constant momentum {@code m}, e.g. MoCo's 0.999. */
  public static MomentumUpdate constant(double m) {
    return new MomentumUpdate(m, false, List.of());
  }

  /** BYOL's cosine schedule from {@code base} (e.g. 0.996) to 1 at the last step. */
  public static MomentumUpdate cosine(double base) {
    return new MomentumUpdate(base, true, List.of());
  }

  /**
   * {@code m(k) = 1 − (1 − m0)·(cos(πk/K) + 1)/2} (Grill et al. 2020, eq. in section 3.2): {@code m0}
   * at {@code k = 0}, 1 at {@code k = K}.
   */
  public static double cosine(double m0, long k, long total) {
    if (total <= 0) {
      return m0;
    }
    return 1 - (1 - m0) * (Math.cos(Math.PI * Math.min(k, total) / total) + 1) / 2;
  }

  /**
   * This update with one more (online, target) pair; the target's parameters are frozen here
   * ({@link Block#freezeParameters(boolean)}), so that the optimizer never trains them.
   *
   * @param online the trained block
   * @param target a block of the same architecture (same parameter names), e.g. {@link
   *     io.pretext.api.spi.ModelContext#newEncoder()}
   * @throws IllegalArgumentException when their parameter names differ
   */
  public MomentumUpdate pair(Block online, Block target) {
    Map<String, Parameter> o = byName(online);
    Map<String, Parameter> t = byName(target);
    if (!o.keySet().equals(t.keySet())) {
      throw new IllegalArgumentException("online and target blocks differ: parameters " + o.keySet() + " vs "
          + t.keySet() + "; build the target with the same architecture (ModelContext.newEncoder())");
    }
    target.freezeParameters(true);
    List<TargetPair> more = new ArrayList<>(pairs);
    more.add(new TargetPair(o, t));
    return new MomentumUpdate(base, cosine, more);
  }

  /** The momentum of the update after {@code step} (counted from 1) of {@code total}. */
  public double momentumAfter(long step, long total) {
    return cosine ? cosine(base, step - 1, total) : base;
  }

  @Override
  public void beforeTraining(StepContext context) {
    if (context.parametersRestored()) {
      return; // a warm start loaded the target with the rest: copying would lose it
    }
    for (TargetPair pair : pairs) {
      pair.online().forEach((name, p) -> p.getArray().copyTo(pair.target().get(name).getArray()));
    }
  }

  @Override
  public void afterStep(StepContext context) {
    float m = (float) momentumAfter(context.step(), context.totalSteps());
    try (NDManager scope = context.scope().newSubManager()) {
      for (TargetPair pair : pairs) {
        for (Map.Entry<String, Parameter> e : pair.online().entrySet()) {
          Parameter online = e.getValue();
          if (!online.requiresGradient()) {
            continue; // running statistics: the target's forward keeps its own
          }
          NDArray o = online.getArray();
          NDArray t = pair.target().get(e.getKey()).getArray();
          NDArray keep = scope.full(new Shape(), m, t.getDataType());
          NDArray take = scope.full(new Shape(), 1 - m, t.getDataType());
          NDArray share = o.mul(take);
          share.attach(scope);
          t.muli(keep).addi(share);
        }
      }
    }
  }

  private static Map<String, Parameter> byName(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), Objects.requireNonNull(p.getValue()));
    }
    return out;
  }
}
