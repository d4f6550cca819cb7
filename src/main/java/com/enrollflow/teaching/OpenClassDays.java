package com.enrollflow.teaching;

import java.time.LocalDate;
import java.util.List;

/**
 * The days whose 班课点名 task a class still has open (class-day-roll-call.bpmn, through
 * workflow.teaching.CamundaOpenClassDays): a day the class met and nobody has closed yet.
 */
public interface OpenClassDays {

    /** The class's days with an open 班课点名 task, in any order. */
    List<LocalDate> of(String classCode);
}
