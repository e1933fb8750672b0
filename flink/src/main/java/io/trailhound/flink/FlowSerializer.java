package io.trailhound.flink;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A {@link Flow} on the wire between the job's operators, written by hand: kind, key, requester,
 * time, an event's ID bits, body, with no per-field null flags and no reflection (Flink's POJO serializer sets each
 * field reflectively and made a new instance through a reflective constructor for every record).
 * Flows are never kept in state, so the layout may change between versions of the job.
 */
public final class FlowSerializer extends TypeSerializerSingleton<Flow> {
    private static final long serialVersionUID = 1L;
    static final FlowSerializer INSTANCE = new FlowSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Flow createInstance() {
        return new Flow();
    }

    /** A body is never changed once made, so copies share it. */
    @Override
    public Flow copy(Flow from) {
        Flow f = new Flow(from.kind, from.key, from.requester, from.body);
        f.time = from.time;
        f.idHigh = from.idHigh;
        f.idLow = from.idLow;
        return f;
    }

    @Override
    public Flow copy(Flow from, Flow reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Flow f, DataOutputView out) throws IOException {
        out.writeByte(f.kind);
        writeString(f.key, out);
        writeString(f.requester, out);
        out.writeLong(f.time);
        if (f.kind == Flow.EVENT) {
            out.writeLong(f.idHigh);
            out.writeLong(f.idLow);
        }
        if (f.body == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(f.body.length);
            out.write(f.body);
        }
    }

    @Override
    public Flow deserialize(DataInputView in) throws IOException {
        Flow f = new Flow(in.readByte(), readString(in), readString(in), null);
        f.time = in.readLong();
        if (f.kind == Flow.EVENT) {
            f.idHigh = in.readLong();
            f.idLow = in.readLong();
        }
        int n = in.readInt();
        if (n >= 0) {
            f.body = new byte[n];
            in.readFully(f.body);
        }
        return f;
    }

    private static final int NULL = -1;
    /** Not all ASCII: the string follows in Flink's own form, which keeps any char (a lone surrogate too). */
    private static final int OTHER = -2;

    /**
     * Keys and IDs are nearly always ASCII: then their bytes at once, where Flink's
     * {@link StringValue} wrote and read them a byte at a time. Checked and copied char by char in
     * one pass into the thread's scratch array (an encoder would turn a lone surrogate into one
     * byte ('?') and hide it), so writing allocates nothing.
     */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeInt(NULL);
            return;
        }
        int n = s.length();
        byte[] b = scratch(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                out.writeInt(OTHER);
                StringValue.writeString(s, out);
                return;
            }
            b[i] = (byte) c;
        }
        out.writeInt(n);
        out.write(b, 0, n);
    }

    /** Read into the thread's scratch array: the string's own array is the only copy made. */
    static String readString(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        if (n == OTHER) {
            return StringValue.readString(in);
        }
        byte[] b = scratch(n);
        in.readFully(b, 0, n);
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Longer strings than this get an array of their own, which the thread does not keep. */
    private static final int KEPT_SCRATCH = 1 << 16;
    /** Each thread's scratch array (a serializer instance is shared by every task of the process). */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    private static byte[] scratch(int n) {
        byte[] b = SCRATCH.get();
        if (b.length >= n) {
            return b;
        }
        if (n > KEPT_SCRATCH) {
            return new byte[n];
        }
        b = new byte[Math.max(n, 2 * b.length)];
        SCRATCH.set(b);
        return b;
    }

    @Override
    public Flow deserialize(Flow reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Flow> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Flow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named on {@link Flow} ({@code @TypeInfo}): every stream and output tag of flows uses this serializer. */
    public static final class Factory extends TypeInfoFactory<Flow> {
        @Override
        public TypeInformation<Flow> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new Info();
        }
    }

    static final class Info extends TypeInformation<Flow> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<Flow> getTypeClass() {
            return Flow.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public FlowSerializer createSerializer(SerializerConfig config) {
            return INSTANCE;
        }

        @Override
        public String toString() {
            return "Flow";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info;
        }

        @Override
        public int hashCode() {
            return Info.class.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Info;
        }
    }
}
