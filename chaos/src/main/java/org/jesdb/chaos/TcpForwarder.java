package org.jesdb.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards TCP connections from one address to another, bytes both ways: it makes the HTTP
 * listener of a node that runs in a network namespace reachable from outside it (from the
 * host's 127.0.0.1 in scripts/local-cluster.sh, from the namespace's test link in the tests).
 * {@code java -cp jesdb-chaos.jar org.jesdb.chaos.TcpForwarder listenHost listenPort targetHost targetPort}.
 */
public final class TcpForwarder {

    private TcpForwarder() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress target = new InetSocketAddress(args[2], Integer.parseInt(args[3]));
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
            while (true) {
                Socket client = server.accept();
                Thread connection = new Thread(() -> connect(client, target));
                connection.setDaemon(true);
                connection.start();
            }
        }
    }

    private static void connect(Socket client, InetSocketAddress target) {
        try (client; Socket upstream = new Socket()) {
            upstream.connect(target, 5_000);
            Thread back = new Thread(() -> pump(upstream, client));
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
            back.join();
        } catch (IOException | InterruptedException e) {
            // one connection ends; the forwarder goes on
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side closed
        }
    }
}
