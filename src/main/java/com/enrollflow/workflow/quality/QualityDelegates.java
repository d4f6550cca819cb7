package com.enrollflow.workflow.quality;

import static com.enrollflow.workflow.SalesVariables.id;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.quality.QualityOverdue;
import com.enrollflow.quality.QualityReviews;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.TaskInput;

/** quality-check.bpmn and quality-review.bpmn (质检): each bean calls {@link QualityReviews} once and writes its result. */
@Configuration
class QualityDelegates {

    static final String SAMPLES = "qualitySamples";
    static final String REVIEW_ID = "qualityReviewId";
    static final String SCORE = "qualityScore";
    static final String COMMENT = "qualityComment";
    static final String NEEDS_COACHING = "needsCoaching";
    static final String OWNER = "reviewOwner";
    static final String COACHING_NOTE = "coachingNote";

    private final QualityReviews reviews;
    private final StaffDirectory staff;
    private final QualityOverdue overdue;
    private final Clock clock;

    QualityDelegates(QualityReviews reviews, QualityOverdue overdue, StaffDirectory staff, Clock clock) {
        this.staff = staff;
        this.reviews = reviews;
        this.overdue = overdue;
        this.clock = clock;
    }

    /**
     * ServiceTask_RemindOverdueCoaching (提醒员工和主管), after BoundaryEvent_CoachingOverdue (7 天未完成): a mail to the
     * staff member and the campus's sales supervisors; the coaching goes on.
     */
    @Bean("remindOverdueCoaching")
    JavaDelegate remindOverdueCoaching() {
        return execution -> overdue.coachingOverdue(id(execution, REVIEW_ID));
    }

    /** ServiceTask_SampleWork (抽取质检样本): last week's sample per campus (qualitySamples: campus, week, reviews). */
    @Bean("sampleQualityWork")
    JavaDelegate sampleQualityWork() {
        return execution -> {
            LocalDate week = QualityReviews.lastWeek(LocalDate.now(clock.withZone(BusinessTime.ZONE)));
            List<Map<String, Object>> samples = reviews.sample(week).stream().map(s -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("campus", s.campusCode());
                one.put("weekStart", s.weekStart().toString());
                one.put("businessKey", s.campusCode() + ":" + s.weekStart());
                one.put("reviewIds", s.reviewIds());
                return one;
            }).toList();
            execution.setVariable(SAMPLES, samples);
        };
    }

    /**
     * Task_ScoreQuality (质检评分), on create: the item on the task card (task-local), and the score and comment
     * declared in this item's scope so that parallel items never read or overwrite each other's.
     */
    @Bean("qualityScorePrepare")
    TaskListener qualityScorePrepare() {
        return task -> {
            QualityReviews.Item item = reviews.item(id(task, REVIEW_ID));
            show(task, item);
            task.getExecution().setVariableLocal(OWNER, item.ownerUser());
            task.getExecution().setVariableLocal(SCORE, null);
            task.getExecution().setVariableLocal(COMMENT, null);
        };
    }

    /** Task_ScoreQuality, on complete: score 1–5 and comment, checked and stored; whether coaching follows. */
    @Bean("qualityScoreInput")
    TaskListener qualityScoreInput() {
        return task -> {
            try {
                Object comment = task.getVariable(COMMENT);
                boolean coaching = reviews.score(id(task, REVIEW_ID), task.getVariable(SCORE),
                        comment == null ? null : comment.toString(), Actors.of(task));
                task.getExecution().setVariableLocal(NEEDS_COACHING, coaching);
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            }
        };
    }

    /** Task_CoachImprovement (辅导改进), on create: the item and the supervisor's score and comment (task-local). */
    @Bean("coachingPrepare")
    TaskListener coachingPrepare() {
        return task -> {
            QualityReviews.Item item = reviews.item(id(task, REVIEW_ID));
            show(task, item);
            task.setVariableLocal("reviewComment", "评分 " + task.getVariable(SCORE) + " 分：" + item.reviewComment());
            task.getExecution().setVariableLocal(COACHING_NOTE, null);
        };
    }

    /** Task_CoachImprovement, on complete: what will be done differently, required. */
    @Bean("coachingInput")
    TaskListener coachingInput() {
        return task -> {
            try {
                Object note = task.getVariable(COACHING_NOTE);
                reviews.coached(id(task, REVIEW_ID), note == null ? null : note.toString());
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            }
        };
    }

    private void show(DelegateTask task, QualityReviews.Item item) {
        task.setVariableLocal("reviewSummary", item.summary(staff.displayName(item.ownerUser())));
        // the card's 客户 and 商机编号, as every task's (TaskCards reads the opportunity after this listener)
        task.setVariableLocal(ProcessConstants.OPPORTUNITY_ID, item.opportunityId());
        task.setVariableLocal("reviewNote", item.note());
    }
}
