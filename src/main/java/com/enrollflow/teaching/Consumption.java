package com.enrollflow.teaching;

/**
 * What an attendance means for the hours (课消): whether the lesson is consumed, and whether it is rebooked and by
 * which group (e.g. academicAffairs).
 */
public record Consumption(boolean consumed, boolean rebook, String rebookBy) {
}
