/**
 * Context prediction (Doersch, Gupta, Efros 2015, "Unsupervised Visual Representation Learning by
 * Context Prediction"): cut a patch and one of its 8 neighbours from an image and train a
 * shared-weight encoder with a pair head to tell where the neighbour sits.
 *
 * <p>Plugin: the pretext task {@code context} ({@link io.pretext.context.ContextPredictionTask}),
 * registered by {@link io.pretext.context.ContextPlugins}.
 */
package io.pretext.context;
