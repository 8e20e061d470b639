/**
 * Plugin {@code toy-data}: data sources: the 2-D toy sets (FFJORD's definitions), CSV and NPY files, and the shipped
 * 8×8 digits.
 */
package org.ebm4j.plugins.toydata;
