/**
 * Engine internals: built-in per-sample image augmenters, registered by {@link
 * io.pretext.core.augment.ImageAugmenterPlugins}: the SimCLR view augmentations (Chen et al.
 * 2020, "A Simple Framework for Contrastive Learning of Visual Representations", Appendix A) with
 * torchvision's semantics, plus {@code normalize} and {@code resize}.
 *
 * <p>Every augmenter works on {@link io.pretext.api.data.Image} float arrays (C×H×W), in place when
 * the size does not change, draws every random choice from the generator it is handed, and holds
 * no mutable shared state (per-thread scratch buffers only), so one instance serves many threads.
 * Whether an augmenter runs at all is the pipeline's {@code p}, not the augmenter's business.
 */
package io.pretext.core.augment;
