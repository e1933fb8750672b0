package io.trailhound.core.output.parquet;

/**
 * The few writes of Thrift's compact protocol that Parquet's footer and page headers need:
 * structs with field-id deltas, i32/i64 as zigzag varints, binary, bool, and lists. Field ids must
 * rise within a struct (they do: the callers write them in the order of parquet.thrift).
 */
final class ThriftCompact {
    static final int BOOL_TRUE = 1;
    static final int BOOL_FALSE = 2;
    static final int I16 = 4;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteSink out;
    private final short[] lastIds = new short[32];
    private int depth;

    ThriftCompact(ByteSink out) {
        this.out = out;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastIds[depth];
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            out.varint(zigzag(id));
        }
        lastIds[depth] = (short) id;
    }

    void i32(int id, int v) {
        fieldHeader(id, I32);
        out.varint(zigzag(v));
    }

    void i16(int id, int v) {
        fieldHeader(id, I16);
        out.varint(zigzag(v));
    }

    void i64(int id, long v) {
        fieldHeader(id, I64);
        out.varint(zigzag(v));
    }

    void bool(int id, boolean v) {
        fieldHeader(id, v ? BOOL_TRUE : BOOL_FALSE);
    }

    void binary(int id, byte[] v, int off, int len) {
        fieldHeader(id, BINARY);
        out.varint(len);
        out.write(v, off, len);
    }

    void string(int id, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        binary(id, b, 0, b.length);
    }

    /** A struct field: write its fields, then {@link #end}. */
    void struct(int id) {
        fieldHeader(id, STRUCT);
        enter();
    }

    /** A list field of {@code size} elements of {@code elementType}; write the elements next (structs with {@link #element}). */
    void list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            out.varint(size);
        }
    }

    /** A struct as a list element: its fields, then {@link #end}. */
    void element() {
        enter();
    }

    void i32Element(int v) {
        out.varint(zigzag(v));
    }

    void binaryElement(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.varint(b.length);
        out.write(b, 0, b.length);
    }

    /** The top-level struct; close it with {@link #end}. */
    void begin() {
        depth = 0;
        lastIds[0] = 0;
    }

    private void enter() {
        depth++;
        lastIds[depth] = 0;
    }

    /** Closes the current struct (a stop byte). */
    void end() {
        out.write(0);
        if (depth > 0) {
            depth--;
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
