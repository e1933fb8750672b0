package io.trailhound.core.rules.elastic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0) for tests, so no MaxMind database is downloaded or
 * checked in: an IPv6 search tree of 24-bit records with IPv4 networks at {@code ::/96}, a data
 * section of maps, UTF-8 strings, uint16/32/64, doubles and arrays, and the metadata map after
 * the {@code \xAB\xCD\xEFMaxMind.com} marker. Values are written in full (no pointers or
 * de-duplication): a reader must accept that, and it keeps the writer small.
 */
public final class MmdbTestWriter {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
        'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    /** An unsigned value of a given width: the reader decodes uint16 to Integer, uint32 to Long, uint64 to BigInteger. */
    public record UInt(int bits, long value) {
    }

    private final String databaseType;
    private final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();

    public MmdbTestWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** A GeoLite2-City-shaped record. */
    public static Map<String, Object> city(String city, String continentCode, String continent, String countryIso,
                                           String country, String subdivisionIso, String subdivision,
                                           double lat, double lon) {
        return Map.of(
                "city", Map.of("geoname_id", new UInt(32, 2988507), "names", Map.of("en", city, "fr", city)),
                "continent", Map.of("code", continentCode, "names", Map.of("en", continent)),
                "country", Map.of("iso_code", countryIso, "names", Map.of("en", country)),
                "location", Map.of("latitude", lat, "longitude", lon, "accuracy_radius", new UInt(16, 20),
                        "time_zone", "Europe/Paris"),
                "subdivisions", List.of(Map.of("iso_code", subdivisionIso, "names", Map.of("en", subdivision))));
    }

    /** A GeoLite2-ASN-shaped record. */
    public static Map<String, Object> asn(long number, String organization) {
        return Map.of("autonomous_system_number", new UInt(32, number),
                "autonomous_system_organization", organization);
    }

    /** Maps an IPv4 network ({@code 203.0.113.0/24}) to a record. */
    public MmdbTestWriter ipv4(String cidr, Map<String, Object> record) {
        networks.put(cidr, record);
        return this;
    }

    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    byte[] bytes() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Node root = new Node();
        for (Map.Entry<String, Map<String, Object>> n : networks.entrySet()) {
            int offset = data.size();
            encode(data, n.getValue());
            insert(root, n.getKey(), offset);
        }
        List<Node> nodes = new ArrayList<>();
        number(root, nodes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            record24(out, record(node.children[0], node.data[0], nodes.size()));
            record24(out, record(node.children[1], node.data[1], nodes.size()));
        }
        out.write(new byte[16]); // the data section separator
        data.writeTo(out);
        out.write(METADATA_MARKER);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", new UInt(32, nodes.size()));
        meta.put("record_size", new UInt(16, 24));
        meta.put("ip_version", new UInt(16, 6));
        meta.put("database_type", databaseType);
        meta.put("languages", List.of("en"));
        meta.put("binary_format_major_version", new UInt(16, 2));
        meta.put("binary_format_minor_version", new UInt(16, 0));
        meta.put("build_epoch", new UInt(64, 1_700_000_000L));
        meta.put("description", Map.of("en", "Trailhound test database"));
        encode(out, meta);
        return out.toByteArray();
    }

    /** A tree node: each side is a child node, a data offset, or nothing. */
    private static final class Node {
        final Node[] children = new Node[2];
        final int[] data = {-1, -1};
        int number;
    }

    /** IPv4 {@code a.b.c.d/p} sits at {@code ::a.b.c.d/(96+p)}: 96 zero bits, then the address bits. */
    private static void insert(Node root, String cidr, int offset) {
        String[] parts = cidr.split("/");
        String[] octets = parts[0].split("\\.");
        long v4 = 0;
        for (String o : octets) {
            v4 = v4 << 8 | Integer.parseInt(o);
        }
        int prefix = 96 + Integer.parseInt(parts[1]);
        Node node = root;
        for (int i = 0; i < prefix; i++) {
            int bit = i < 96 ? 0 : (int) (v4 >>> (31 - (i - 96))) & 1;
            if (i == prefix - 1) {
                node.data[bit] = offset;
            } else {
                if (node.children[bit] == null) {
                    node.children[bit] = new Node();
                }
                node = node.children[bit];
            }
        }
    }

    private static void number(Node node, List<Node> nodes) {
        node.number = nodes.size();
        nodes.add(node);
        for (Node child : node.children) {
            if (child != null) {
                number(child, nodes);
            }
        }
    }

    /** A node number; {@code node_count} for no data; {@code node_count + 16 + offset} for data. */
    private static long record(Node child, int dataOffset, int nodeCount) {
        if (child != null) {
            return child.number;
        }
        return dataOffset < 0 ? nodeCount : nodeCount + 16L + dataOffset;
    }

    private static void record24(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    private static void encode(ByteArrayOutputStream out, Object v) throws IOException {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.write(b);
        } else if (v instanceof Double d) {
            control(out, 3, 8);
            unsigned(out, Double.doubleToLongBits(d), 8);
        } else if (v instanceof UInt u) {
            int size = (64 - Long.numberOfLeadingZeros(u.value()) + 7) / 8; // minimal big-endian bytes
            control(out, switch (u.bits()) {
                case 16 -> 5;
                case 32 -> 6;
                default -> 9;
            }, size);
            unsigned(out, u.value(), size);
        } else if (v instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                encode(out, (String) e.getKey());
                encode(out, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            control(out, 11, l.size());
            for (Object o : l) {
                encode(out, o);
            }
        } else {
            throw new IllegalArgumentException("no MaxMind DB type for " + v);
        }
    }

    /** Type in the top 3 bits (extended types: 0 there, type - 7 in the next byte), then the size. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits = size < 29 ? size : size < 285 ? 29 : 30;
        out.write((type <= 7 ? type : 0) << 5 | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        if (sizeBits == 29) {
            out.write(size - 29);
        } else if (sizeBits == 30) {
            if (size - 285 > 0xFFFF) {
                throw new IllegalArgumentException("value too long for this writer: " + size);
            }
            out.write((size - 285) >>> 8);
            out.write(size - 285);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
