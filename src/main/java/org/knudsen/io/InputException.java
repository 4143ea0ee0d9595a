package org.knudsen.io;

/**
 * Bad user input: a file that cannot be read, a scenario that breaks a rule, a bad argument. The
 * {@code knudsen} command turns it into exit code 2, with the message (one problem per line) on stderr.
 * It lives in {@code io}, the lowest package that deals with user input, so that file readers here and the
 * scenario validation in {@code run} share one type.
 */
public class InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
