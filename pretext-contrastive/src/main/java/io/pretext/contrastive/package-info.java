/**
 * SimCLR contrastive pretraining (Chen, Kornblith, Norouzi, Hinton 2020, "A Simple Framework for
 * Contrastive Learning of Visual Representations"): two augmented views per image, an encoder
 * with a projection head, and the NT-Xent loss that pulls the two views of an image together and
 * pushes the views of other images apart.
 *
 * <p>Plugins: the pretext task {@code simclr} ({@link io.pretext.contrastive.SimClrTask}) and the
 * head {@code projection} ({@link io.pretext.contrastive.ProjectionHead}), registered by {@link
 * io.pretext.contrastive.ContrastivePlugins}.
 */
package io.pretext.contrastive;
