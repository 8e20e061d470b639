package org.ebm4j.runtime.config;

import org.ebm4j.api.EbmException;

/**
 * A request that cannot be carried out as asked, through no bug and no failed computation: a run folder another
 * process is writing, a folder that cannot be written, a checkpoint that does not fit its experiment. The message
 * says what is wrong and what to do; {@code ebm} exits with 2.
 */
public class UsageException extends EbmException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
