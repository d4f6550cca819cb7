/**
 * 客户关怀 (care touches): a daily sweep of the contracts still being taught finds the facts (absences in a row, days
 * without a lesson, an exam ahead), the process owner's care-policy.dmn decides, and a call becomes a task for
 * customer service while a greeting becomes a mail. The engine side is in {@code workflow.care}.
 */
package com.enrollflow.care;
