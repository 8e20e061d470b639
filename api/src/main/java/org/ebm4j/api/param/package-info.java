/** Named trainable parameters stored as one flat row vector, and their initialisers (ND4J's weight-init schemes). */
package org.ebm4j.api.param;
