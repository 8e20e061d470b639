/**
 * Plugin {@code noise}: noise distributions with exact log-densities, for NCE and for where chains start:
 * {@code gaussian}, {@code diagonal-gaussian}, {@code gaussian-mixture} (EM), {@code uniform} and {@code empirical}.
 */
package org.ebm4j.plugins.noise;
