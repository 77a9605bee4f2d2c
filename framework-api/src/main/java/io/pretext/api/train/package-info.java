/**
 * Contract helper: optimizer pieces shared by pretraining and transfer,
 * {@link io.pretext.api.train.OptimizerSpec}, {@link io.pretext.api.train.LearningRateSchedule},
 * {@link io.pretext.api.train.GradientClipping} and {@link io.pretext.api.train.MatrixOnlyWeightDecay},
 * for an evaluator or task that trains. The pretraining loop is the engine's.
 */
package io.pretext.api.train;
