/** Evaluation of trained models: metrics and pictures. */
package org.ebm4j.api.eval;
