package com.enrollflow.workflow.teaching;

import static com.enrollflow.workflow.FormValues.moment;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.teaching.LessonMoves;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * lesson-move.bpmn (调课): the start form's fields go to {@link LessonMoves} as typed; a problem names the form's field,
 * a refused move (a schedule not confirmed, a lesson begun, a taken slot) refuses the submission, and nothing is
 * stored then. The form is filed under the student's opportunity and campus.
 */
@Configuration
class LessonMoveDelegates {

    private final LessonMoves moves;

    LessonMoveDelegates(LessonMoves moves) {
        this.moves = moves;
    }

    /** ServiceTask_MoveLesson (调整课时). */
    @Bean("moveLessonAsked")
    JavaDelegate moveLessonAsked() {
        return execution -> {
            LessonMoves.Asked asked = new LessonMoves.Asked(text(execution.getVariable(LessonMoves.CONTRACT)),
                    moment(execution.getVariable(LessonMoves.LESSON_AT)),
                    moment(execution.getVariable(LessonMoves.MOVE_TO)),
                    text(execution.getVariable(LessonMoves.TEACHER)), text(execution.getVariable(LessonMoves.ROOM)),
                    text(execution.getVariable(LessonMoves.REASON)),
                    Boolean.TRUE.equals(FormValues.flag(LessonMoves.EVERY_WEEK,
                            execution.getVariable(LessonMoves.EVERY_WEEK))));
            LessonMoves.Moved moved = FormValues.contractRequest(LessonMoves.CONTRACT,
                    () -> moves.move(asked, Actors.of(execution)));
            StartFormRecord.file(execution, moved.campusCode(), String.valueOf(moved.opportunityId()));
            StartFormRecord.told(execution, moved.told());
        };
    }
}
