package com.enrollflow.scheduling;

/** A 1:1 classroom (一对一教室) of one campus. */
public record Room(String id, String campusCode, String name, boolean active) {
}
