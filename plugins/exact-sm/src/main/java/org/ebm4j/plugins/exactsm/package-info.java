/**
 * Plugin {@code exact-sm}: Hyvärinen's score matching with the exact Hessian trace (one backward pass per coordinate).
 */
package org.ebm4j.plugins.exactsm;
