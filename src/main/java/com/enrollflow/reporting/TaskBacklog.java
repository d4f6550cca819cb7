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

    /** The group id of a staff role given by its id or its Chinese name; empty when it is none. */
    java.util.Optional<String> roleGroup(String idOrLabel);

    /**
     * The tasks behind one of those counts (穿透): of the campus and the candidate group ({@code null}: the tasks of one
     * person), most overdue first, at most {@code limit}, with how many there are in all.
     */
    OverdueList overdueTasks(String campusCode, String candidateGroup, Instant now, int limit);

    /** {@code candidateGroup} null: tasks with no candidate group (given to one person, e.g. 辅导改进). */
    record Overdue(String campusCode, String candidateGroup, long count) {
    }

    /** One late task: {@code businessKey} is its instance's (an opportunity's or a complaint's number). */
    record OverdueTask(String taskId, String name, String assignee, Instant due, String processInstanceId,
            String businessKey) {
    }

    record OverdueList(List<OverdueTask> tasks, long total) {
    }
}
