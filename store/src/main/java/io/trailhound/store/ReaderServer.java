package io.trailhound.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;

/**
 * The writer's side of readers beside a writer: while a process holds a store for writing, it
 * answers read queries on a Unix domain socket ({@link ReaderSocket}), each on a connection of
 * its own to the same database, so a reader sees every committed batch and nothing uncommitted
 * (DuckDB's MVCC). Only one SELECT per request ({@link SingleSelect}); the database has no access
 * to other files. Protocol: the client writes one JSON object {@code {"sql": ..., "params": [...]}}
 * and closes its side; the server answers {@code {"columns": [...], "rows": [[...]]}} or
 * {@code {"error": ...}} and closes.
 */
final class ReaderServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A request is one query: more than this is not one. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private final Path socket;
    private final ServerSocketChannel server;
    private final Connection base;
    private final ExecutorService workers;
    private final Thread acceptor;
    private volatile boolean closed;

    private ReaderServer(Path socket, ServerSocketChannel server, Connection base) {
        this.socket = socket;
        this.server = server;
        this.base = base;
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "trailhound-reader");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::accept, "trailhound-readers");
        this.acceptor.setDaemon(true);
    }

    /** Listens for readers of {@code store}, answering on connections duplicated from {@code connection}. */
    static ReaderServer start(Path store, Connection connection) throws IOException, SQLException {
        Path socket = ReaderSocket.prepare(store);
        Connection base = connection.unwrap(DuckDBConnection.class).duplicate();
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            base.close();
            throw e;
        }
        ReaderServer s = new ReaderServer(socket, server, base);
        s.acceptor.start();
        return s;
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> answer(client));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client; InputStream in = Channels.newInputStream(client); OutputStream out = Channels.newOutputStream(client)) {
            ObjectNode reply;
            try {
                byte[] request = in.readNBytes(MAX_REQUEST_BYTES + 1);
                if (request.length > MAX_REQUEST_BYTES) {
                    throw new StoreException("a request is at most " + MAX_REQUEST_BYTES + " bytes");
                }
                JsonNode q = JSON.readTree(request);
                List<Object> params = new ArrayList<>();
                for (JsonNode p : q.path("params")) {
                    params.add(p.isNull() ? null : p.isIntegralNumber() ? (Object) p.asLong() : p.isNumber() ? (Object) p.asDouble()
                            : p.isBoolean() ? (Object) p.asBoolean() : p.asText());
                }
                StoreReader.Rows rows;
                try (Connection c = connection()) {
                    rows = LocalReader.run(c, q.path("sql").asText(), params);
                }
                reply = JSON.createObjectNode();
                ArrayNode cols = reply.putArray("columns");
                rows.columns().forEach(cols::add);
                ArrayNode out2 = reply.putArray("rows");
                for (List<Object> r : rows.rows()) {
                    out2.add(JSON.valueToTree(r));
                }
            } catch (IOException | SQLException | RuntimeException e) {
                reply = JSON.createObjectNode().put("error", e.getMessage());
            }
            out.write(JSON.writeValueAsBytes(reply));
        } catch (IOException ignored) {
            // the reader went away
        }
    }

    /** A connection of its own for one request (a DuckDB connection is used by one thread at a time). */
    private synchronized Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closing");
        }
        return base.unwrap(DuckDBConnection.class).duplicate();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent()); // empty now: nothing is left beside the store
        } catch (IOException ignored) {
            // a later writer removes the socket; a folder still holding something stays
        }
        try {
            base.close();
        } catch (SQLException ignored) {
            // the database closes next
        }
    }
}
