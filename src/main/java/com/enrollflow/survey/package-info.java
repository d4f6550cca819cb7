/**
 * 满意度调查 (satisfaction surveys): after the 3rd lesson of a contract and at its end the family gets a signed link to
 * a public page, rates teacher, course and service, and a low score (survey-follow-up.dmn) gives customer service a
 * care call. The engine side is in {@code workflow.survey}.
 */
package com.enrollflow.survey;
