/**
 * Plugin {@code dsm}: denoising score matching with one noise level, or NCSN's geometric levels for a
 * noise-conditional model (Vincent 2011; Song and Ermon 2019).
 */
package org.ebm4j.plugins.dsm;
