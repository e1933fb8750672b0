package io.trailhound.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link StoreReader} whose queries the process writing the store answers ({@link ReaderServer}). */
final class SocketReader implements StoreReader {
    private final Path store;
    private final Path socket;

    private SocketReader(Path store, Path socket) {
        this.store = store;
        this.socket = socket;
    }

    /** A reader through the writer of {@code store}, when one is listening; null when none answers. */
    static SocketReader connect(Path store) {
        Path socket = ReaderSocket.socket(store);
        if (!Files.exists(socket)) {
            return null;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException stale) {
            return null; // left by a writer that is gone
        }
        return new SocketReader(store, socket);
    }

    @Override
    public Rows query(String sql, List<Object> params) {
        JsonNode reply;
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            var request = ReaderServer.JSON.createObjectNode().put("sql", sql);
            request.set("params", ReaderServer.JSON.valueToTree(params));
            c.write(java.nio.ByteBuffer.wrap(ReaderServer.JSON.writeValueAsBytes(request)));
            c.shutdownOutput();
            try (InputStream in = Channels.newInputStream(c)) {
                reply = ReaderServer.JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new StoreException("the process writing the store " + store + " did not answer: " + e.getMessage(), e);
        }
        if (reply == null) {
            throw new StoreException("the process writing the store " + store + " closed without an answer");
        }
        if (reply.has("error")) {
            throw new StoreException(reply.path("error").asText());
        }
        List<String> columns = new ArrayList<>();
        reply.path("columns").forEach(n -> columns.add(n.asText()));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : reply.path("rows")) {
            List<Object> row = new ArrayList<>(columns.size());
            for (JsonNode v : r) {
                row.add(v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                        : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
            }
            rows.add(row);
        }
        return new Rows(columns, rows);
    }

    @Override
    public boolean viaWriter() {
        return true;
    }

    @Override
    public String describe() {
        return store + " (through the process writing it)";
    }

    @Override
    public void close() {
        // one connection a query: nothing held
    }
}
