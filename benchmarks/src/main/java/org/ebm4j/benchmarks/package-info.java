/** Speed and memory measurements of ebm4j; run through {@code benchmarks/run}, never as unit tests. */
package org.ebm4j.benchmarks;
