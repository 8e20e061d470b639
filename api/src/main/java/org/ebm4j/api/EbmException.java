package org.ebm4j.api;

/**
 * The root of ebm4j's errors. Every message says what went wrong, where (file, key, jar, step) and what is
 * allowed, so that a user can fix the cause without reading a stack trace.
 */
public class EbmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EbmException(String message) {
        super(message);
    }

    public EbmException(String message, Throwable cause) {
        super(message, cause);
    }
}
