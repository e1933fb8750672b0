package io.trailhound.synth;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Pre-encoded JSON strings for values that repeat from record to record (ARNs, principal ids,
 * agents, account ids). Escaping each character dominated the cost of writing records; a small
 * direct-mapped cache keyed by string identity avoids it while keeping memory constant.
 */
final class SerializedStrings {
    private static final int SIZE = 4096;
    private final String[] keys = new String[SIZE];
    private final SerializedString[] values = new SerializedString[SIZE];

    SerializedString of(String s) {
        int i = System.identityHashCode(s) & (SIZE - 1);
        if (keys[i] == s) {
            return values[i];
        }
        SerializedString v = new SerializedString(s);
        keys[i] = s;
        values[i] = v;
        return v;
    }

    /** Field names are constants: encode them once. */
    static SerializedString name(String s) {
        return new SerializedString(s);
    }
}
