/**
 * The one home of ebm4j's pictures and grid measures: {@link org.ebm4j.plots.GridDensity2d} (log Z, normalised density,
 * marginals, grid total-variation distance of samples) and {@link org.ebm4j.plots.Pictures} (2-D density with points and
 * marginals, image grids, scatter). The host provides it to plugins ({@code provided} scope).
 */
package org.ebm4j.plots;
