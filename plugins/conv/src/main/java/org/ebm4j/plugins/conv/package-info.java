/**
 * Plugin {@code conv}: a convolutional energy for images (rows of {@code c·h·w} pixels), optionally noise-conditional
 * (the s(x)/σ rule, or log σ as one more input channel).
 */
package org.ebm4j.plugins.conv;
