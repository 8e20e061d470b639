/**
 * Runs and their folders: {@link org.ebm4j.runtime.run.Runs} starts and resumes them; the run folder, files written
 * whole, provenance, and the metric sinks ({@code metrics.jsonl}, the progress line, {@code curves.png}).
 */
package org.ebm4j.runtime.run;
