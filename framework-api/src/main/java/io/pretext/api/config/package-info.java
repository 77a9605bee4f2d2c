/**
 * Contract: how a plugin declares and reads its YAML section. A factory declares a
 * {@link io.pretext.api.config.ConfigSchema} of {@link io.pretext.api.config.KeySpec}s and
 * {@link io.pretext.api.config.ValueType}s and receives its validated
 * {@link io.pretext.api.config.ConfigNode}; a wrong value is a
 * {@link io.pretext.api.config.ConfigException} of {@link io.pretext.api.config.ConfigProblem}s
 * (path, line, "did you mean" from {@link io.pretext.api.config.Suggestions}). Validation itself is
 * the engine's.
 */
package io.pretext.api.config;
