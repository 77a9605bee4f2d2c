package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DinoLossTest {
  private static final double TOLERANCE = 1e-5;
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private double loss(DinoLoss loss, double[][] student, double[][] teacher, double[][] center, double teacherTemperature) {
    return loss.evaluate(DjlTests.matrix(manager, student), DjlTests.matrix(manager, teacher),
        DjlTests.matrix(manager, center), teacherTemperature).getFloat();
  }

  @Test
  void matchesThePyTorchReference() throws InterruptedException {
    // From src/test/python/joint_embedding_reference.py (DINO_*): the official DINOLoss, student temperature
    // 0.1, two global views and one local view of N = 2, K = 4.
    DinoLoss loss = new DinoLoss();
    assertEquals(7.325440406, loss(loss, ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER, 0.04),
        1e-4);
    assertEquals(7.152732473, loss(loss, ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER, 0.07),
        1e-4);
    float[][] g = Gradients.of(manager, in -> loss.evaluate(in.get(0), in.get(1), in.get(2), 0.04), false,
        ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER);
    Gradients.assertClose(new double[] {-0.112972772, -0.652523095, 0.852666885, -0.087171018, 0.931518017,
        -0.022706248, -0.244707431, -0.664104338, -0.245172153, 1.157514638, -0.796522957, -0.115819528, -0.309333453,
        -0.515395716, -0.090985861, 0.915715030, 2.138301803, -0.685706508, -1.249302938, -0.203292356, -0.629609036,
        1.942049806, -0.329558763, -0.982882007}, g[0], 1e-4);
  }

  @Test
  void uniformTeacherAndStudentGiveLogK() {
    // Collapse to the uniform distribution: constant teacher logits minus a constant centre give a uniform
    // teacher, constant student logits a uniform student: every cross-entropy is log K = log 4.
    double[][] student = new double[6][];
    for (int i = 0; i < student.length; i++) {
      student[i] = new double[] {0.5, 0.5, 0.5, 0.5};
    }
    double[][] teacher = {{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}};
    assertEquals(Math.log(4), loss(new DinoLoss(), student, teacher, new double[][] {{0.3, 0.3, 0.3, 0.3}}, 0.04),
        TOLERANCE);
  }

  @Test
  void twoGlobalViewsByHand() {
    // N = 1, K = 2, G = V = 2, uniform teacher (1/2, 1/2). Student view 0 logits (0.1, 0) / 0.1 = (1, 0):
    // log-softmax (1 - log(e + 1), -log(e + 1)) = (-0.3132617, -1.3132617), cross-entropy with the uniform
    // teacher 0.8132617; student view 1 (0, 0): log 2 = 0.6931472. Pairs (teacher 0, student 1) and
    // (teacher 1, student 0): L = (0.6931472 + 0.8132617) / 2 = 0.7532044.
    double value = loss(new DinoLoss(), new double[][] {{0.1, 0}, {0, 0}}, new double[][] {{0, 0}, {0, 0}},
        new double[][] {{0, 0}}, 0.04);
    assertEquals(0.7532044, value, TOLERANCE);
  }

  @Test
  void identicalViewsAtEqualTemperaturesGiveTheTeachersEntropy() {
    // N = 2, K = 2, both views identical, teacher = student, zero centre, tau_t = tau_s = 0.1: each
    // cross-entropy is the entropy of softmax(row / 0.1). Row (0.1, 0): softmax (e, 1) / (e + 1), entropy
    // 0.5822031; row (0, 0.2): softmax (1, e^2) / (1 + e^2), entropy 0.3653339; mean 0.4737685. Not zero:
    // DINO's minimum is the teacher's entropy, which sharpening (tau_t < tau_s) lowers.
    double[][] views = {{0.1, 0}, {0, 0.2}, {0.1, 0}, {0, 0.2}};
    assertEquals(0.4737685, loss(new DinoLoss(), views, views, new double[][] {{0, 0}}, 0.1), TOLERANCE);
  }

  @Test
  void aCollapsedBatchIsCentredToAUniformTeacher() {
    // Every row (2, 0, -1), the centre equal to it (the EMA of a collapsed teacher): the centred teacher is
    // 0, its softmax uniform (1/3 each); the student's log-softmax of (20, 0, -10) is (-l, -20 - l, -30 - l),
    // l = log(1 + e^-20 + e^-30) ~ 2.06e-9, so each cross-entropy is (50/3) + l = 16.6666667.
    double[][] rows = {{2, 0, -1}, {2, 0, -1}, {2, 0, -1}, {2, 0, -1}};
    assertEquals(16.6666667, loss(new DinoLoss(), rows, rows, new double[][] {{2, 0, -1}}, 0.04), 1e-4);
  }

  @Test
  void aBatchOfTwoByHand() {
    // N = 2, K = 2, G = V = 2, centre (0.5, 0), tau_t 0.04, tau_s 0.1; teacher views (1, 0), (0, 1) and
    // (0, 0), (1, 1); student views (0.2, 0), (0, 0.3) and (0, 0.1), (0.4, 0). Worked out with Python's
    // math module (softmax and log-softmax row by row, each pair's cross-entropy averaged over the N = 2
    // samples, then over the 2 pairs): 1.8767317.
    double value = loss(new DinoLoss(), new double[][] {{0.2, 0}, {0, 0.3}, {0, 0.1}, {0.4, 0}},
        new double[][] {{1, 0}, {0, 1}, {0, 0}, {1, 1}}, new double[][] {{0.5, 0}}, 0.04);
    assertEquals(1.8767317, value, TOLERANCE);
  }

  @Test
  void localViewsAreOnlyForTheStudent() {
    // Four student views (two global, two local) against two teacher views: 2 * 3 = 6 pairs, all uniform: log 3.
    double[][] student = new double[8][];
    for (int i = 0; i < student.length; i++) {
      student[i] = new double[] {0, 0, 0};
    }
    double[][] teacher = new double[4][];
    for (int i = 0; i < teacher.length; i++) {
      teacher[i] = new double[] {0.2, 0.2, 0.2};
    }
    assertEquals(Math.log(3), loss(new DinoLoss(), student, teacher, new double[][] {{0, 0, 0}}, 0.07), TOLERANCE);
  }

  @Test
  void teacherAndCentreGetNoGradient() throws InterruptedException {
    DinoLoss loss = new DinoLoss();
    float[][] g = Gradients.of(manager, in -> loss.evaluate(in.get(0), in.get(1), in.get(2), 0.04), false,
        ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER);
    Gradients.assertFiniteAndNonZero(g[0]);
    Gradients.assertZero(g[1]);
    Gradients.assertZero(g[2]);
  }

  @Test
  void gradientDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    DinoLoss loss = new DinoLoss();
    float[] plain = Gradients.of(manager, in -> loss.evaluate(in.get(0), in.get(1), in.get(2), 0.04), false,
        ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER)[0];
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, Gradients.of(manager, in -> loss.evaluate(in.get(0), in.get(1), in.get(2), 0.04), true,
          ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER)[0], "round " + round);
    }
  }

  @Test
  void centreUpdateMatchesTheReference() {
    // DINO_CENTER_0_9: c * 0.9 + mean(teacher) * 0.1, the mean over all G N teacher rows.
    NDArray next = new DinoCenter().update(DjlTests.matrix(manager, ReferenceInputs.CENTER),
        DjlTests.matrix(manager, ReferenceInputs.TEACHER));
    assertEquals(new Shape(1, 4), next.getShape());
    assertArrayEquals(new float[] {0.01175f, 0.0195f, -0.00725f, 0.0015f}, next.toFloatArray(), 1e-6f);
  }

  @Test
  void centreUpdateByHandKeepsAOneDimensionalShape() {
    // m = 0.5, c = (0, 2), teacher rows (1, 0), (3, 2): batch mean (2, 1); next = 0.5 (0, 2) + 0.5 (2, 1) = (1, 1.5).
    NDArray next = new DinoCenter(0.5).update(manager.create(new float[] {0, 2}),
        DjlTests.matrix(manager, new double[][] {{1, 0}, {3, 2}}));
    assertEquals(new Shape(2), next.getShape());
    assertArrayEquals(new float[] {1f, 1.5f}, next.toFloatArray(), 1e-6f);
    assertEquals(0.9, new DinoCenter().momentum());
  }

  @Test
  void rejectsParametersOutOfRange() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new DinoLoss(0, 2)).getMessage()
        .contains("student temperature must be a finite number > 0"));
    assertThrows(IllegalArgumentException.class, () -> new DinoLoss(Double.NaN, 2));
    assertThrows(IllegalArgumentException.class, () -> new DinoLoss(0.1, 0));
    IllegalArgumentException teacher = assertThrows(IllegalArgumentException.class, () -> loss(new DinoLoss(),
        ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, ReferenceInputs.CENTER, 0));
    assertTrue(teacher.getMessage().contains("teacher temperature must be a finite number > 0"), teacher.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DinoCenter(1));
    assertThrows(IllegalArgumentException.class, () -> new DinoCenter(-0.1));
  }

  @Test
  void rejectsShapesThatDoNotAgree() {
    DinoLoss loss = new DinoLoss();
    // N = 2 from the teacher's two views, but the student has one view (2 rows): fewer views than the teacher.
    IllegalArgumentException views = assertThrows(IllegalArgumentException.class, () -> loss(loss,
        ReferenceInputs.rows(ReferenceInputs.STUDENT, 0, 2), ReferenceInputs.TEACHER, ReferenceInputs.CENTER, 0.04));
    assertTrue(views.getMessage().contains("V >= max(2, 2) views"), views.getMessage());
    // One global view and one student view of N = 2: still a pair of different views, so it is accepted.
    assertEquals(new Shape(), new DinoLoss(0.1, 1).evaluate(DjlTests.matrix(manager, ReferenceInputs.rows(
        ReferenceInputs.STUDENT, 0, 4)), DjlTests.matrix(manager, ReferenceInputs.rows(ReferenceInputs.TEACHER, 0, 2)),
        DjlTests.matrix(manager, ReferenceInputs.CENTER), 0.04).getShape());
    IllegalArgumentException centre = assertThrows(IllegalArgumentException.class, () -> loss(loss,
        ReferenceInputs.STUDENT, ReferenceInputs.TEACHER, new double[][] {{0, 0, 0}}, 0.04));
    assertTrue(centre.getMessage().contains("centre must be (K) or (1, K) with K = 4"), centre.getMessage());
    assertThrows(IllegalArgumentException.class, () -> loss(loss, ReferenceInputs.STUDENT,
        ReferenceInputs.rows(ReferenceInputs.TEACHER, 0, 3), ReferenceInputs.CENTER, 0.04));
  }
}
