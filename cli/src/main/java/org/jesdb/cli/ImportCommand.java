package org.jesdb.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jesdb.client.JesdbClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb import}: appends what {@code jesdb export} wrote, in order, keeping each event's
 * id, type, content type, data and metadata, and its version in its stream. Each batch expects
 * its stream exactly where the previous one left it, and the store answers an append of ids it
 * already holds with its first answer: importing the same file again appends nothing, and an
 * import that stopped half-way can simply be run again.
 */
@Command(name = "import", description = {"Appends an export, keeping event ids and versions.",
        "In order, up to 500 events of a stream per append. Running it again appends nothing twice."})
final class ImportCommand implements Callable<Integer> {
    static final int MAX_BATCH_EVENTS = 500;

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--in"}, paramLabel = "FILE", description = "The export. Default: stdin")
    Path in;

    @Option(names = "--max-batch-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Data and metadata of one append, at most (the store refuses appends over JESDB_MAX_APPEND_BYTES). "
                    + "Default: ${DEFAULT-VALUE}")
    long maxBatchBytes;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr. Default: when reading a file")
    Boolean progress;

    /** Events appended so far (or found already there, on a second run). */
    private long imported;
    /** The batch being appended, to say where an import that failed stopped. */
    private ImportBatch appending;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        try (JesdbClient client = jesdb.connect()) {
            ImportBatches batches = new ImportBatches(MAX_BATCH_EVENTS, maxBatchBytes, batch -> append(client, batch));
            try {
                readInput(batches);
            } finally {
                // Also when the import failed: how far it got is what one wants to know then.
                spec.commandLine().getErr().printf("imported %d events of %d streams in %.1f s%s%n", imported,
                        batches.streams(), (System.nanoTime() - started) / 1e9, appending == null ? ""
                                : "; stopped at the batch of stream '" + appending.stream() + "' from line " + appending.firstLine());
            }
        }
        return 0;
    }

    private void readInput(ImportBatches batches) throws IOException {
        boolean shown = progress != null ? progress : in != null;
        try (InputStream input = Progress.readingBytes(Input.open(in), "import", in == null ? -1 : Files.size(in), shown);
             BufferedReader lines = Input.lines(input)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    batches.add(EventLineCodec.exportedEvent(line, number));
                }
            }
            batches.finish();
        }
    }

    private void append(JesdbClient client, ImportBatch batch) {
        appending = batch;
        client.appendToStream(batch.stream(), batch.expectedVersion(), batch.events());
        imported += batch.events().size();
        appending = null;
    }
}
