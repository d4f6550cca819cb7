package com.enrollflow.teaching;

/**
 * Published in a roll call's correction (班课点名更正) when it gives back the class lesson the corrected roll call had
 * consumed for one contract ({@code previousStatus}: how the student had been marked): the family told of that
 * deduction is told it was taken back (decision 730).
 */
public record ClassLessonRestored(long contractId, long opportunityId, long classSessionId, String previousStatus) {
}
