/** Training objectives: losses paired with the parameters they move. */
package org.ebm4j.api.objective;
