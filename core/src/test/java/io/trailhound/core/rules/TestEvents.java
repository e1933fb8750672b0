package io.trailhound.core.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Events for rule tests, decoded exactly as a scan decodes them. */
public final class TestEvents {
    private TestEvents() {
    }

    /** One CloudTrail record from its JSON text. */
    public static CloudTrailEvent parse(String json) {
        try {
            byte[] raw = json.getBytes(StandardCharsets.UTF_8);
            JsonParser p = new JsonFactory().createParser(raw);
            p.nextToken();
            return CloudTrailEventDecoder.attach(new CloudTrailEventDecoder().decode(p, null), raw,
                    new SourcePosition("test", 0, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
