package io.trailhound.core.rules.esql;

import io.trailhound.core.event.IdentityCodec;
import io.trailhound.core.rules.ir.AsciiText;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of what {@link PerEventPart#rows} gives (an {@code Object[]}, or {@code Object[][]}
 * after MV_EXPAND) for a host that moves a window query's candidates between machines: each
 * value tagged with its {@link EsqlValues} type, so a row read back runs the window part exactly
 * as the row it was written from. Texts go as UTF-8, or, the rare one holding a lone surrogate
 * (a log field may), as characters, so every text comes back exactly.
 */
final class RowCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte BOOLEAN = 4;
    private static final byte DATE = 5;
    private static final byte SPAN = 6;
    private static final byte MULTI = 7;
    /** A text with a lone surrogate, as its characters: UTF-8 would give '?' back for it. */
    private static final byte CHARS = 8;

    private RowCodec() {
    }

    static void write(Object rows, DataOutput out) throws IOException {
        Object[][] all = PerEventPart.asRows(rows);
        out.writeBoolean(rows instanceof Object[][]);
        out.writeInt(all.length);
        for (Object[] row : all) {
            out.writeInt(row.length);
            for (Object v : row) {
                value(v, out);
            }
        }
    }

    static Object read(DataInput in) throws IOException {
        boolean many = in.readBoolean();
        Object[][] all = new Object[in.readInt()][];
        for (int r = 0; r < all.length; r++) {
            Object[] row = new Object[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(in);
            }
            all[r] = row;
        }
        return many ? all : all[0];
    }

    private static void value(Object v, DataOutput out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            text(s, out);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof EsqlValues.Date d) {
            out.writeByte(DATE);
            out.writeLong(d.millis());
        } else if (v instanceof EsqlValues.Span s) {
            out.writeByte(SPAN);
            out.writeLong(s.amount());
            out.writeUTF(s.unit().name());
        } else if (v instanceof List<?> l) {
            out.writeByte(MULTI);
            out.writeInt(l.size());
            for (Object o : l) {
                value(o, out);
            }
        } else {
            throw new IllegalArgumentException("not an ES|QL value: " + v.getClass().getName());
        }
    }

    /**
     * As {@link IdentityCodec#str} writes it, or, with a lone surrogate, as characters. An ASCII
     * text ({@link AsciiText}: most are) is its UTF-8 a byte a character, copied without encoding.
     */
    private static void text(String s, DataOutput out) throws IOException {
        if (AsciiText.is(s)) {
            out.writeByte(STRING);
            out.writeInt(s.length());
            // Not out.writeBytes(s): Flink's DataOutputSerializer, which carries these rows between the
            // job's operators, moves past such a text twice, and the rows read back corrupt.
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        if (hasLoneSurrogate(s)) {
            out.writeByte(CHARS);
            out.writeInt(s.length());
            out.writeChars(s);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(STRING);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a pair: UTF-8 gives it back
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String chars(DataInput in) throws IOException {
        char[] c = new char[in.readInt()];
        for (int i = 0; i < c.length; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }

    private static Object value(DataInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> IdentityCodec.str(in);
            case CHARS -> chars(in);
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case DATE -> new EsqlValues.Date(in.readLong());
            case SPAN -> new EsqlValues.Span(in.readLong(), ChronoUnit.valueOf(in.readUTF()));
            case MULTI -> {
                int n = in.readInt();
                List<Object> vs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    vs.add(value(in));
                }
                yield List.copyOf(vs);
            }
            default -> throw new IOException("unknown ES|QL value tag " + tag);
        };
    }
}
