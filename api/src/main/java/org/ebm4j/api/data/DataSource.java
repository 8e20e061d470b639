package org.ebm4j.api.data;

import org.ebm4j.api.random.RandomSource;

/** Where training data comes from: a toy generator, a file, a shipped set. */
public interface DataSource {

    /** Loads (or generates, from {@code random}) the train/test split. */
    Dataset load(RandomSource random);
}
