/** MCMC samplers over energy models, vectorised over chains. */
package org.ebm4j.api.sampler;
