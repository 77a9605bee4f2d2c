/**
 * The built-in image encoders, built only from {@link io.pretext.api.nn.layers} so that each can
 * be exported to ONNX: {@code resnet-mini} (the benchmark protocol's ResNet-mini(w)) and {@code
 * resnet18} (ResNet-18 with a CIFAR-style stem), both after He et al. 2016, "Deep Residual
 * Learning for Image Recognition", registered by {@link
 * io.pretext.api.nn.encoders.ImageEncoderPlugins}.
 */
package io.pretext.api.nn.encoders;
