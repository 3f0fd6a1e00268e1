package org.jesdb.cli;

/** The input (a file or stdin) cannot be used as it is; the message names the line when there is one. */
final class InputException extends RuntimeException {

    InputException(String message) {
        super(message);
    }

    static InputException atLine(long line, String problem) {
        return new InputException("line " + line + ": " + problem);
    }
}
