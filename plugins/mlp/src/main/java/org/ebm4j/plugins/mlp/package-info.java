/**
 * Plugin {@code mlp}: a multilayer-perceptron energy, optionally noise-conditional (the s(x)/σ rule, or σ as an input).
 */
package org.ebm4j.plugins.mlp;
