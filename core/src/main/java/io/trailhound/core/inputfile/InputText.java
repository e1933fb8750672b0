package io.trailhound.core.inputfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole input file as text, decoded as strict UTF-8: a byte sequence that is not UTF-8 (a stray
 * Latin-1 byte, an overlong form, a surrogate) is an error naming the line and byte offset, never a
 * replacement character that silently changes a user name or a date. A byte-order mark, as
 * spreadsheet tools save files, is dropped.
 */
public final class InputText {
    private InputText() {
    }

    public static String read(Path file) throws IOException {
        return decode(file.toString(), Files.readAllBytes(file));
    }

    public static String decode(String source, byte[] bytes) throws InputFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            int at = in.position(); // the decoder stops at the first byte it cannot decode
            String what = at < bytes.length ? String.format(" (0x%02X)", bytes[at] & 0xff) : "";
            throw new InputFormatException(source, lineAt(bytes, at), "invalid UTF-8 at byte " + at + what, e);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static long lineAt(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
