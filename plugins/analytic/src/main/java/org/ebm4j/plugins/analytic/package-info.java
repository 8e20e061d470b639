/**
 * Plugin {@code analytic}: energies whose normaliser is known in closed form ({@code gaussian}, {@code gaussian-mixture},
 * every part learnable or fixed; with fixed covariances the mixture is the exact noise-conditional energy of the
 * blurred mixture) and the {@code gaussian-mixture} data source. Known answers for every objective and sampler.
 */
package org.ebm4j.plugins.analytic;
