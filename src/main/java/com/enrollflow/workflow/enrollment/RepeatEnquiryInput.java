package com.enrollflow.workflow.enrollment;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.TaskInput;

/** Checks the 跟进客户再次咨询 form (Task_HandleRepeatEnquiry): the follow-up note is required. */
@Component("repeatEnquiryInput")
class RepeatEnquiryInput implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        TaskInput input = new TaskInput(task);
        input.text(FOLLOW_UP_NOTE, 1000, true);
        input.check();
        task.getExecution().setVariableLocal("repeatHandledBy", Actors.of(task));
    }
}
