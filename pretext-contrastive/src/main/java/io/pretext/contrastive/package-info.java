/**
 * Joint-embedding pretraining: two (or more) augmented views of each image are mapped by one
 * encoder and a projector, and a loss makes the views' embeddings agree without letting them
 * collapse.
 *
 * <p>Tasks: {@code simclr} ({@link io.pretext.contrastive.SimClrTask}; Chen, Kornblith, Norouzi,
 * Hinton 2020, NT-Xent against the batch's negatives), {@code simsiam} ({@link
 * io.pretext.contrastive.SimSiamTask}; Chen and He 2021, predictor and stop-gradient), {@code
 * barlow-twins} ({@link io.pretext.contrastive.BarlowTwinsTask}; Zbontar et al. 2021,
 * cross-correlation to the identity) and {@code vicreg} ({@link io.pretext.contrastive.VicRegTask};
 * Bardes, Ponce, LeCun 2022, variance-invariance-covariance), the momentum methods {@code
 * byol} ({@link io.pretext.contrastive.ByolTask}; Grill et al. 2020, predictor and EMA target) and
 * {@code moco} ({@link io.pretext.contrastive.MocoTask}; MoCo v2, Chen, Fan, Girshick, He 2020,
 * momentum key encoder and a queue of negatives), and {@code dino} ({@link
 * io.pretext.contrastive.DinoTask}; Caron et al. 2021, EMA teacher, centring, multi-crop). The head
 * {@code projection} ({@link io.pretext.contrastive.ProjectionHead}) is their projector. All
 * registered by {@link io.pretext.contrastive.ContrastivePlugins}.
 */
package io.pretext.contrastive;
