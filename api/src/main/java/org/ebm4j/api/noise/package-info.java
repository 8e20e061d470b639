/** Distributions with exact log-densities: noise for NCE, flows, initial states. */
package org.ebm4j.api.noise;
