package org.jesdb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import org.jesdb.client.Errors;
import org.jesdb.client.JesdbException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns what went wrong during a run into one line on stderr and exit code 1, so that no
 * command catches errors itself: the store's typed errors as {@code jesdb: <type>: <message>},
 * bad input and unreadable files as {@code jesdb: <message>}. Anything else is a bug and keeps
 * picocli's stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parsed) throws Exception {
        commandLine.getOut().flush();
        PrintWriter err = commandLine.getErr();
        if (error instanceof JesdbException typed) {
            // The server's detail mostly names the field already: said once is enough.
            String field = typed instanceof Errors.InvalidRequest invalid && invalid.field() != null
                    && !typed.getMessage().contains(invalid.field()) ? " (field: " + invalid.field() + ")" : "";
            err.println("jesdb: " + typed.type() + ": " + typed.getMessage() + field);
        } else if (error instanceof InputException || error instanceof UncheckedIOException) {
            err.println("jesdb: " + error.getMessage());
        } else if (error instanceof NoSuchFileException missing) {
            err.println("jesdb: no such file: " + missing.getFile());
        } else if (error instanceof IOException io) {
            err.println("jesdb: " + io);
        } else {
            throw error;
        }
        err.flush();
        return 1;
    }

    /**
     * Installs the reporter on the {@link CommandLine} built around {@link JesdbCommand}, whoever
     * builds it (main, or a test running the command in-process): picocli has no annotation for
     * an exception handler, and a model transformer runs once the CommandLine exists.
     */
    static final class Installer implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.commandLine().setExecutionExceptionHandler(new ErrorReporter());
            return spec;
        }
    }
}
