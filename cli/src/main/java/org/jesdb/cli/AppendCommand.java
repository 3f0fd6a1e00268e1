package org.jesdb.cli;

import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jesdb.client.AppendResult;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb append}: events from lines of JSON, appended to one stream in one atomic append.
 * The whole input is read and checked first, so a bad line appends nothing.
 */
@Command(name = "append", description = {"Appends events to a stream in one atomic append.",
        "Input: one JSON event per line, {\"type\": .., \"data\": .., \"metadata\"?: {..}, \"id\"?: uuid,",
        "\"contentType\"?: ..} (data of a non-JSON content type is a base64 string). Prints where they landed."})
final class AppendCommand implements Callable<Integer> {

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STREAM")
    String stream;

    @Option(names = "--expected-version", converter = ExpectedVersionConverter.class, paramLabel = "any|no_stream|stream_exists|N",
            description = "What the stream must be at. Default: any")
    ExpectedVersion expected = ExpectedVersion.any();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The events. Default: stdin")
    Path file;

    @Override
    public Integer call() throws Exception {
        List<EventData> events = readEvents();
        try (JesdbClient client = jesdb.connect()) {
            AppendResult result = client.appendToStream(stream, expected, events);
            spec.commandLine().getOut().println(Json.createObjectBuilder()
                    .add("stream", result.stream())
                    .add("firstVersion", result.firstVersion())
                    .add("lastVersion", result.lastVersion())
                    .add("firstPosition", result.firstPosition())
                    .add("lastPosition", result.lastPosition())
                    .build());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private List<EventData> readEvents() throws Exception {
        List<EventData> events = new ArrayList<>();
        try (InputStream in = Input.open(file); BufferedReader lines = Input.lines(in)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    events.add(EventLineCodec.eventData(line, number));
                }
            }
        }
        if (events.isEmpty()) {
            throw new InputException("no events to append: give one JSON event per line");
        }
        return events;
    }
}
