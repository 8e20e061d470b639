/**
 * Plugin {@code flow}: {@code flow-noise}, a RealNVP normalizing flow (affine couplings with bounded scales) fitted by
 * maximum likelihood with early stopping; exact log-density and reparameterised draws in any dimension.
 */
package org.ebm4j.plugins.flow;
