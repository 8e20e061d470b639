/**
 * Plugin {@code ssm}: sliced score matching and its variance-reduced form (Song, Garg, Shi and Ermon 2019).
 */
package org.ebm4j.plugins.ssm;
