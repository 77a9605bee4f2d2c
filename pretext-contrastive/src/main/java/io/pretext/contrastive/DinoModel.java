package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pretext.api.train.ArrayState;
import io.pretext.api.train.MomentumUpdate;

/**
 * DINO's student and teacher (Caron et al. 2021, Fig. 2 and Algorithm 1): g_s = head_s ∘ f_s is
 * trained, g_t = head_t ∘ f_t is its EMA (frozen here, moved by {@link
 * io.pretext.api.train.MomentumUpdate}). The global views go through both, the local crops through
 * the student only; crops of one resolution go through the network together, as the paper's
 * multi-crop wrapper does.
 *
 * <p>Inputs: the global views (G·N, C, H, W), view-major (rows v·N..v·N+N−1 are view v), and
 * optionally the local crops (m·N, C, h, w) in the same layout. Outputs: the student's logits (V·N,
 * K) (globals first, then locals), the teacher's logits (G·N, K) without gradient, a copy of the
 * centre (1, K) and the teacher temperature of the step (a scalar): what {@link DinoTask#loss()}
 * needs, so the loss stays a function of the predictions.
 */
final class DinoModel extends AbstractBlock {
  private static final byte VERSION = 1;
  private final Block student;
  private final Block studentHead;
  private final Block teacher;
  private final Block teacherHead;
  private final MomentumUpdate ema;
  private final ArrayState center;
  private double teacherTemperature;

  DinoModel(Block student, Block studentHead, Block teacher, Block teacherHead, MomentumUpdate ema,
      ArrayState center, double teacherTemperature) {
    super(VERSION);
    this.student = addChildBlock("student", student);
    this.studentHead = addChildBlock("student_head", studentHead);
    this.teacher = addChildBlock("teacher", teacher);
    this.teacherHead = addChildBlock("teacher_head", teacherHead);
    this.ema = ema;
    this.center = center;
    this.teacherTemperature = teacherTemperature;
  }

  /** The EMA of the student (encoder and head) in the teacher. */
  MomentumUpdate ema() {
    return ema;
  }

  ArrayState center() {
    return center;
  }

  double teacherTemperature() {
    return teacherTemperature;
  }

  /** Set by the task's hook before each step, from the step's position in the warm-up. */
  void teacherTemperature(double value) {
    teacherTemperature = value;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray global = inputs.get(0);
    NDManager scope = global.getManager();
    NDArray logits = apply(student, studentHead, store, global, training, params);
    if (inputs.size() > 1) {
      logits = logits.concat(apply(student, studentHead, store, inputs.get(1), training, params), 0);
    }
    NDArray target = apply(teacher, teacherHead, store, global, training, params).stopGradient();
    NDArray centre = center.value().duplicate();
    centre.attach(scope);
    return new NDList(logits, target, centre, scope.create((float) teacherTemperature));
  }

  private static NDArray apply(Block encoder, Block head, ParameterStore store, NDArray x, boolean training,
      PairList<String, Object> params) {
    NDArray features = encoder.forward(store, new NDList(x), training, params).head();
    return head.forward(store, new NDList(features), training, params).head();
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block[] pair : new Block[][] {{student, studentHead}, {teacher, teacherHead}}) {
      pair[0].initialize(manager, dataType, inputShapes[0]);
      pair[1].initialize(manager, dataType, pair[0].getOutputShapes(new Shape[] {inputShapes[0]}));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape global = studentHead.getOutputShapes(student.getOutputShapes(new Shape[] {inputShapes[0]}))[0];
    long rows = global.get(0) + (inputShapes.length > 1 ? inputShapes[1].get(0) : 0);
    return new Shape[] {new Shape(rows, global.get(1)), global, new Shape(1, global.get(1)), new Shape()};
  }
}
