package org.jesdb.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jesdb.chaos.history.History;

/**
 * Writers and a reader against the cluster's nodes, recording everything in a {@link History}.
 * Each writer owns its streams and appends with the exact expected version, as an event-sourced
 * service does. When an append gets no clear answer it is retried on another node with the same
 * event ids (which the store applies once); only then is its outcome called unknown, and the
 * writer reads the stream to learn where it stands. Bounded in time and in appends.
 */
public final class Load {
    private static final int RETRIES = 5;
    private static final int STREAMS_PER_WRITER = 4;

    private final String runId;
    private final List<NodeApi> nodes;
    private final History history;
    private final int writers;
    private final int maxAppendsPerWriter;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger turn = new AtomicInteger();
    private ExecutorService threads;

    /** {@code runId} names this run's streams, so that runs against one store never share a stream. */
    public Load(String runId, List<NodeApi> nodes, History history, int writers, int maxAppendsPerWriter) {
        this.runId = runId;
        this.nodes = List.copyOf(nodes);
        this.history = history;
        this.writers = writers;
        this.maxAppendsPerWriter = maxAppendsPerWriter;
    }

    /** Starts the writers and the reader. */
    public void start() {
        threads = Executors.newFixedThreadPool(writers + 1);
        for (int w = 0; w < writers; w++) {
            List<String> streams = new ArrayList<>();
            for (int s = 0; s < STREAMS_PER_WRITER; s++) {
                streams.add(streamName(w, s));
            }
            threads.execute(() -> write(streams));
        }
        threads.execute(this::read);
    }

    /** Stops (each thread ends after its current call) and waits at most {@code wait}. */
    public void stop(Duration wait) throws InterruptedException {
        stopping.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            threads.shutdownNow();
        }
    }

    private void write(List<String> streams) {
        long[] versions = new long[streams.size()];
        Arrays.fill(versions, -1);
        Random random = ThreadLocalRandom.current();
        for (int i = 0; i < maxAppendsPerWriter && !stopping.get(); i++) {
            int s = random.nextInt(streams.size());
            List<UUID> ids = new ArrayList<>();
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                ids.add(UUID.randomUUID());
            }
            versions[s] = append(streams.get(s), versions[s], ids);
        }
    }

    /** Appends and records the outcome; answers the stream's version as the writer now knows it. */
    private long append(String stream, long expected, List<UUID> ids) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            NodeApi node = next();
            try {
                NodeApi.Answer answer = node.append(stream, expected, ids);
                if (answer.status() == 200) {
                    long last = answer.json().getJsonNumber("lastVersion").longValue();
                    history.acknowledged(stream, expected, ids, last);
                    return last;
                }
                if (answer.isRefusal()) {
                    if (attempt == 0) {
                        history.refused(stream, expected, ids);
                    } else {
                        // an earlier attempt may have been applied before this refusal
                        history.unknown(stream, expected, ids);
                    }
                    return resync(stream, expected);
                }
            } catch (IOException e) {
                // no answer: try another node with the same ids
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause(200L * (attempt + 1));
        }
        history.unknown(stream, expected, ids);
        return resync(stream, expected);
    }

    /** The stream's version from a linearizable read, tried on each node in turn. */
    private long resync(String stream, long fallback) {
        for (int attempt = 0; attempt < nodes.size() * 3 && !Thread.currentThread().isInterrupted(); attempt++) {
            try {
                return next().readStream(stream).size() - 1L;
            } catch (IOException e) {
                pause(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fallback;
    }

    private void read() {
        Random random = ThreadLocalRandom.current();
        while (!stopping.get()) {
            String stream = streamName(random.nextInt(writers), random.nextInt(STREAMS_PER_WRITER));
            try {
                history.read(stream, next().readStream(stream));
            } catch (IOException e) {
                // a node down: the next read goes elsewhere
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause(50);
        }
    }

    private String streamName(int writer, int stream) {
        return "chaos-" + runId + "-w" + writer + "-s" + stream;
    }

    private NodeApi next() {
        return nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
