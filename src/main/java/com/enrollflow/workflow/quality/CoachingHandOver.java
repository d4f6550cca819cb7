package com.enrollflow.workflow.quality;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.MemberWork;
import com.enrollflow.assignment.Receivers;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamAdministration.Moved;
import com.enrollflow.quality.QualityReviews;
import com.enrollflow.reference.Campus;

/**
 * 离职转交 of a member who leaves the campus (decision 540): the coaching they were asked to write (辅导改进) has no
 * one to write it, so it is withdrawn (message {@value #WITHDRAWN}, 员工已离职 → 辅导取消) and the campus's week of
 * quality reviews can end. Nobody receives it; 休假 keeps it, as does a member still active in another team there.
 */
@Component
class CoachingHandOver implements MemberWork {

    private static final Logger log = LoggerFactory.getLogger(CoachingHandOver.class);

    static final String WITHDRAWN = "CoachingWithdrawn";
    static final String WORK = "辅导改进（员工已离职，取消）";

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final QualityReviews reviews;
    private final AssignmentService assignments;

    CoachingHandOver(TaskService tasks, RuntimeService runtime, QualityReviews reviews,
            AssignmentService assignments) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.reviews = reviews;
        this.assignments = assignments;
    }

    @Override
    public List<Moved> handOver(Team team, String from, MemberStatus status, Receivers receivers, String actor) {
        List<Moved> ended = new ArrayList<>();
        if (status != MemberStatus.LEFT || !assignments.leftCampus(team.campusCode(), from)) {
            return ended;
        }
        // unlimitedList: one member's coaching at one campus, a few a week at most
        for (Task coaching : tasks.createTaskQuery().processDefinitionKey("qualityReview")
                .taskDefinitionKey("Task_CoachImprovement").taskAssignee(from)
                .tenantIdIn(Campus.tenantId(team.campusCode())).unlimitedList()) {
            if (runtime.createEventSubscriptionQuery().executionId(coaching.getExecutionId()).eventType("message")
                    .eventName(WITHDRAWN).count() == 0) {
                // a week sampled under a version without 员工已离职 (before decision 540): it keeps its coaching
                log.warn("coaching task {} of {} runs on a version that cannot withdraw it; left as it is",
                        coaching.getId(), from);
                continue;
            }
            long reviewId = ((Number) tasks.getVariable(coaching.getId(), QualityDelegates.REVIEW_ID)).longValue();
            reviews.coachingWithdrawn(reviewId);
            runtime.messageEventReceived(WITHDRAWN, coaching.getExecutionId());
            ended.add(new Moved(reviews.item(reviewId).opportunityId(), from, null, 1, WORK));
        }
        return ended;
    }
}
