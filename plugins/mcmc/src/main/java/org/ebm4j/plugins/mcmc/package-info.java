/**
 * Plugin {@code mcmc}: samplers vectorised over chains: {@code ula}, {@code mala}, {@code hmc}, {@code rw-metropolis}
 * (step sizes adapted toward a target acceptance in warm-up, then frozen) and {@code annealed-langevin}.
 */
package org.ebm4j.plugins.mcmc;
