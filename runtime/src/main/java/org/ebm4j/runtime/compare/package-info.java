/**
 * {@code ebm compare}: finished runs read back from their folders ({@code summary.json}, {@code provenance.json}),
 * grouped into variants (one experiment with one set of overrides, over seeds), and tables of their metrics.
 */
package org.ebm4j.runtime.compare;
