package com.enrollflow.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * A {@link Coded} enum in a request body (a team's strategy, a member's status …) is read like any code the API
 * takes: the code, the label or a variant. An unknown value fails as an {@link InvalidFormatException} whose target
 * type is the enum, which the API answers with the field and the choices ({@link ApiExceptionHandler}).
 */
final class CodedJson {

    private CodedJson() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("coded-labels");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return Coded.class.isAssignableFrom(type.getRawClass()) ? deserializer(type.getRawClass()) : deserializer;
            }
        });
        return module;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JsonDeserializer<?> deserializer(Class<?> type) {
        return new Deserializer(type);
    }

    private static final class Deserializer<E extends Enum<E> & Coded> extends StdScalarDeserializer<E> {

        private final Class<E> type;

        Deserializer(Class<E> type) {
            super(type);
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (E) ctxt.handleUnexpectedToken(type, p);
            }
            String text = p.getText();
            if (text.isBlank()) {
                return null;
            }
            return Coded.parse(type, text).orElseThrow(() -> InvalidFormatException.from(p,
                    Coded.unknown(type, text), text, type));
        }
    }
}
