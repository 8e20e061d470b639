/**
 * What a plugin author tests with: a contract per kind (objective, sampler, noise, model, data, evaluator, listener)
 * that builds the component as an experiment builds it, and AssertJ assertions for INDArray and Tensor.
 */
package org.ebm4j.testkit;
