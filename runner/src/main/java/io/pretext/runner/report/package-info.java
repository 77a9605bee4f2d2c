/**
 * The run report: {@code report.md} with its PNG plots, written from a {@link
 * io.pretext.runner.report.ReportData} that the pipeline fills from whatever stages ran. Also the
 * pieces it is made of: a dependency-free Java2D line chart ({@link io.pretext.runner.report.LineChart}),
 * a reader of {@code metrics.jsonl} ({@link io.pretext.runner.report.MetricsLog}) and a sampler of the
 * process's resident memory ({@link io.pretext.runner.report.ResourceMonitor}).
 */
package io.pretext.runner.report;
