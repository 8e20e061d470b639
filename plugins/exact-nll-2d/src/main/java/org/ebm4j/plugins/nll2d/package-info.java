/**
 * Plugin {@code exact-nll-2d}: the exact test negative log-likelihood of a 2-D model by grid integration, with the
 * density and sample pictures drawn by {@code ebm4j-plots}, as {@code ebm sample} draws them.
 */
package org.ebm4j.plugins.nll2d;
