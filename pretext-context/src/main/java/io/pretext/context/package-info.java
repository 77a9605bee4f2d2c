/**
 * Spatial-context methods, each a classification whose labels the image itself carries:
 * context prediction (Doersch, Gupta, Efros 2015: where does a neighbouring patch sit, 1 of 8),
 * RotNet (Gidaris, Singh, Komodakis 2018: which quarter turn was the image given) and Jigsaw
 * (Noroozi and Favaro 2016: which of P orderings shuffled the image's tiles).
 *
 * <p>Plugins: the pretext tasks {@code context} ({@link io.pretext.context.ContextPredictionTask}),
 * {@code rotnet} ({@link io.pretext.context.RotNetTask}) and {@code jigsaw} ({@link
 * io.pretext.context.JigsawTask}), registered by {@link io.pretext.context.ContextPlugins}.
 */
package io.pretext.context;
