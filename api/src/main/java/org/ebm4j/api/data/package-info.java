/** Data sources, loaded data sets and minibatches. */
package org.ebm4j.api.data;
