package com.enrollflow.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * An amount in a request body as a JSON number (5000, 6200.50) or as text ("5,000", as staff type it), read as the
 * text it was written with, for the service to check and refuse by field like any amount. Anything else (true, an
 * object) is the wrong type, as for every text field (JsonConfig).
 */
public final class DecimalText extends StdScalarDeserializer<String> {

    public DecimalText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
}
