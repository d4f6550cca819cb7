package com.enrollflow.common;

/**
 * An exception that refuses a request as things stand, worded for the user (e.g. 无法办理：流程“课消后续跟进”已被暂停…):
 * thrown below a business rule (by the engine's adapters), it reaches the API as 409 with its own words instead of
 * as an unexpected error.
 */
public interface Refusal {

    String getMessage();
}
