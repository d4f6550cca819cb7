package com.enrollflow.reference;

import java.util.Arrays;
import java.util.Optional;

/** A business code with the Chinese label staff read. */
public interface Coded {

    String name();

    String label();

    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(code.trim())).findFirst();
    }

    static <E extends Enum<E> & Coded> String allowed(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
}
