/** Seeded random streams that belong to a run, split per component, with a state checkpoints can save. */
package org.ebm4j.api.random;
