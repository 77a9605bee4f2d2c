/**
 * Contract: losses that plugins compose, e.g. {@link io.pretext.api.loss.ClassificationLoss} for
 * any pretext task that is a K-way classification (context prediction's 8 positions, RotNet's
 * rotations, Jigsaw's permutations). Each is a DJL {@link ai.djl.training.loss.Loss}, safe under
 * autograd (no {@code NDArray.op(Number)} in the backward path; see {@link
 * io.pretext.api.nn.layers.ScalarOps}), with its shapes stated and bad inputs rejected with a
 * message.
 */
package io.pretext.api.loss;
