package org.jesdb.it;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jesdb.client.JesdbClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client contract against the runnable jar on Payara Micro. */
class ClientIT extends ClientContract {
    private static NodeProcess node;
    private static JesdbClient client;

    @BeforeAll
    static void startNode() throws Exception {
        Path dir = Path.of(System.getProperty("jesdb.it.dir"), "client-" + UUID.randomUUID());
        node = NodeProcess.start(dir, Map.of("JESDB_DATA_DIR", dir.resolve("data").toString())).awaitReady();
        client = JesdbClient.builder().nodes("http://127.0.0.1:" + node.port).credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build();
    }

    @AfterAll
    static void stopNode() throws Exception {
        client.close();
        node.kill();
    }

    @Override
    protected JesdbClient client() {
        return client;
    }

    @Override
    protected int port() {
        return node.port;
    }

    @Override
    protected Api api() {
        return node.api;
    }
}
