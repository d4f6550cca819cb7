package com.enrollflow.reference;

/** A campus (校区). */
public record Campus(String code, String name, String city) {
}
