/**
 * Plugin {@code csv-metrics}: a training listener that writes every published metric to a CSV file in the run folder;
 * the built-in example of a listener contributed by a plugin.
 */
package org.ebm4j.plugins.csvmetrics;
