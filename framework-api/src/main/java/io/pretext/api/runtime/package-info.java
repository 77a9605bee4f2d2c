/**
 * Contract: the services the framework gives plugins by injection: the seeded
 * {@link io.pretext.api.runtime.SeedSource}, the {@link io.pretext.api.runtime.MetricsSink}, the
 * run's {@link io.pretext.api.runtime.RuntimeSettings} and its
 * {@link io.pretext.api.runtime.ComputeEngine} (implemented by the engine).
 */
package io.pretext.api.runtime;
