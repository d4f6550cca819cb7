package com.enrollflow.common;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * A number or boolean where the API expects text, or a fraction where it expects a whole number, is a wrong type,
 * not something to coerce silently; a code is read by its code or its label.
 */
@Configuration
class JsonConfig {

    /** Codes in request bodies also by their Chinese labels (CodedJson). */
    @Bean
    com.fasterxml.jackson.databind.Module codedLabels() {
        return CodedJson.module();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictText() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            // a count (lessons, capacity) given as 2.5 is refused, never cut to 2 (Jackson's default)
            mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
    }
}
