/**
 * The ebm4j SPI: what a plugin implements and what the runtime gives it. Errors are the {@link
 * org.ebm4j.api.EbmException} family; {@link org.ebm4j.api.SpiVersion} is checked against each plugin's
 * {@code Plugin-Requires}.
 */
package org.ebm4j.api;
