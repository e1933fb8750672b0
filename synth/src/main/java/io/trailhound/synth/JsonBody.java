package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes one JSON value (requestParameters, responseElements, …) straight to the generator. */
@FunctionalInterface
interface JsonBody {
    void write(JsonGenerator g) throws IOException;
}
