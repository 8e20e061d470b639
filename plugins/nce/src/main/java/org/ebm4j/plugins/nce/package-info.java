/**
 * Plugin {@code nce}: noise contrastive estimation against any noise by name ({@code nce}) and flow contrastive
 * estimation, where a flow ascends the loss the energy descends ({@code fce}).
 */
package org.ebm4j.plugins.nce;
