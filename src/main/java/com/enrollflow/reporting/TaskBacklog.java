package com.enrollflow.reporting;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The open user tasks of the process engine, as the service-level report counts them; the engine side implements it
 * (the business packages know nothing of Camunda).
 */
public interface TaskBacklog {

    /** Open tasks of these campuses whose due date is before {@code now}, counted per campus and candidate group. */
    List<Overdue> overdue(Collection<String> campusCodes, Instant now);

    /** The role's Chinese name (客服, 教务 …) for a group id; the id itself when it is no staff role. */
    String groupLabel(String groupId);

    /** {@code candidateGroup} null: tasks with no candidate group (given to one person, e.g. 辅导改进). */
    record Overdue(String campusCode, String candidateGroup, long count) {
    }
}
