/**
 * Engine internals: the built-in encoders, built only from {@link io.pretext.api.nn.layers} so that each can be
 * exported to ONNX: the image encoders {@code resnet-mini} (the benchmark protocol's
 * ResNet-mini(w)) and {@code resnet18} (ResNet-18 with a CIFAR-style stem), both after He et al.
 * 2016, registered by {@link io.pretext.core.nn.encoders.ImageEncoderPlugins}; and the text encoder
 * {@code transformer} ({@link io.pretext.core.nn.encoders.TextTransformer}), registered by {@link
 * io.pretext.core.nn.encoders.TextEncoderPlugins}.
 */
package io.pretext.core.nn.encoders;
