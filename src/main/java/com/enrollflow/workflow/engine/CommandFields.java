package com.enrollflow.workflow.engine;

import java.lang.reflect.Field;

/**
 * The engine's commands keep what they were given (the task, the submitted variables) in protected fields with no
 * getter; our interceptors read them. A Camunda upgrade that renames one stops the start with its name.
 */
final class CommandFields {

    private CommandFields() {
    }

    static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda changed " + type.getName() + "." + name, e);
        }
    }

    static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
