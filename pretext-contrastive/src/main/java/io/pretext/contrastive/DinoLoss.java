package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * DINO's self-distillation loss (Caron et al. 2021, "Emerging Properties in Self-Supervised
 * Vision Transformers", eq. 3 and Algorithm 1): the student's distribution for each view is
 * trained towards the teacher's centred and sharpened distribution for every other view,
 *
 * <pre>
 *   P_t(x) = softmax((g_t(x) - c) / tau_t),   log P_s(x') = log_softmax(g_s(x') / tau_s),
 *   L = 1/|pairs| sum_{x in global views} sum_{x' in all views, x' != x} mean_batch( -P_t(x) . log P_s(x') ).
 * </pre>
 *
 * <p>Only the global views go through the teacher; the student sees every view (global first, in
 * the same order, then the local crops). The teacher's outputs and the centre are detached (the
 * teacher is an EMA of the student, the centre is updated by {@link DinoCenter}). The teacher
 * temperature is an argument because DINO warms it up along training (0.04 to 0.07 over the first
 * 30 epochs); the student's (0.1) is fixed.
 *
 * <p><b>Input</b>: student logits (V·N, K), views in blocks of N rows (view v is rows v·N..v·N+N−1,
 * views 0..G−1 the global ones); teacher logits (G·N, K) in the same block layout; the centre (K)
 * or (1, K). V >= G, V >= 2. <b>Output</b>: a scalar >= 0, the cross-entropies averaged over the
 * G·(V − 1) pairs of different views.
 *
 * <pre>{@code
 * DinoLoss loss = new DinoLoss(0.1, 2);
 * NDArray value = loss.evaluate(student, teacher, center, 0.04);
 * center = new DinoCenter(0.9).update(center, teacher);
 * }</pre>
 */
public final class DinoLoss {
  /** The student temperature of the paper. */
  public static final double DEFAULT_STUDENT_TEMPERATURE = 0.1;
  /** The number of global views of the paper's multi-crop. */
  public static final int DEFAULT_GLOBAL_VIEWS = 2;

  private final double studentTemperature;
  private final int globalViews;

  /**
   * @param studentTemperature tau_s, a finite number > 0
   * @param globalViews G, the number of views the teacher sees, >= 1
   * @throws IllegalArgumentException when a value is out of range
   */
  public DinoLoss(double studentTemperature, int globalViews) {
    requireTemperature("student", studentTemperature);
    if (globalViews < 1) {
      throw new IllegalArgumentException("DINO needs at least one global view for the teacher, got " + globalViews);
    }
    this.studentTemperature = studentTemperature;
    this.globalViews = globalViews;
  }

  /** The paper's settings: student temperature 0.1, two global views. */
  public DinoLoss() {
    this(DEFAULT_STUDENT_TEMPERATURE, DEFAULT_GLOBAL_VIEWS);
  }

  /**
   * @param student the student's logits, (V·N, K)
   * @param teacher the teacher's logits for the G global views, (G·N, K); only their values are used
   * @param center the teacher centre c, (K) or (1, K); only its values are used
   * @param teacherTemperature tau_t, a finite number > 0 (the paper: 0.04 to 0.07)
   * @return the loss, a scalar
   * @throws IllegalArgumentException when the temperature or the shapes are wrong
   */
  public NDArray evaluate(NDArray student, NDArray teacher, NDArray center, double teacherTemperature) {
    requireTemperature("teacher", teacherTemperature);
    int n = batchSize(student.getShape(), teacher.getShape(), center.getShape());
    int views = Math.toIntExact(student.getShape().get(0) / n);
    NDArray sharpened = ScalarOps.dividedBy(teacher.stopGradient().sub(center.stopGradient()), (float) teacherTemperature);
    NDList teacherProbabilities = sharpened.softmax(1).split(globalViews, 0);
    NDList studentLogProbabilities = ScalarOps.dividedBy(student, (float) studentTemperature).logSoftmax(1).split(views, 0);
    NDArray total = null;
    for (int t = 0; t < globalViews; t++) {
      for (int s = 0; s < views; s++) {
        if (s == t) {
          continue;
        }
        NDArray crossEntropy = teacherProbabilities.get(t).mul(studentLogProbabilities.get(s)).sum(new int[] {1})
            .mean().neg();
        total = total == null ? crossEntropy : total.add(crossEntropy);
      }
    }
    return ScalarOps.dividedBy(total, globalViews * (views - 1));
  }

  private int batchSize(Shape student, Shape teacher, Shape center) {
    if (teacher.dimension() != 2 || teacher.get(0) < globalViews || teacher.get(0) % globalViews != 0) {
      throw new IllegalArgumentException("DINO's teacher logits must be (G·N, K) with G = " + globalViews
          + " global views, got " + teacher);
    }
    long n = teacher.get(0) / globalViews;
    long k = teacher.get(1);
    if (student.dimension() != 2 || student.get(1) != k || student.get(0) % n != 0
        || student.get(0) / n < Math.max(2, globalViews)) {
      throw new IllegalArgumentException("DINO's student logits must be (V·N, K) with N = " + n + ", K = " + k
          + " and V >= max(2, " + globalViews + ") views, the global ones first; got " + student);
    }
    if (center.size() != k || center.get(center.dimension() - 1) != k || center.dimension() > 2) {
      throw new IllegalArgumentException("DINO's centre must be (K) or (1, K) with K = " + k + ", got " + center);
    }
    return Math.toIntExact(n);
  }

  private static void requireTemperature(String which, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("DINO's " + which + " temperature must be a finite number > 0, got " + value
          + " (the paper: student 0.1, teacher 0.04 to 0.07)");
    }
  }
}
