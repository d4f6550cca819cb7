package com.enrollflow.assignment;

/**
 * The open tasks of an opportunity as the assignment rules need them. Implemented by the engine adapter
 * ({@code com.enrollflow.workflow.CamundaAssignmentTasks}); the domain never imports the engine.
 */
public interface AssignmentTasks {

    /**
     * Moves every open task of the opportunity assigned to {@code from} to {@code to}, and makes
     * {@code to} the owner the process continues with. Returns how many tasks moved.
     */
    int moveOwnerTasks(long opportunityId, String from, String to);
}
