package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.TaskInput;

/** Checks the 首次联系并核实信息 form (Task_FirstContact) and remembers who made the contact. */
@Component("firstContactInput")
class FirstContactInput implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        TaskInput input = new TaskInput(task);
        String result = input.oneOf(CONTACT_RESULT, true, "REACHED", "UNREACHABLE", "WRONG_NUMBER");
        String note = input.text(CONTACT_NOTE, 500, false);
        if ("WRONG_NUMBER".equals(result) && note == null) {
            input.problem(CONTACT_NOTE, "号码错误或非本人时，请填写联系记录");
        }
        input.check(CONTACT_NOTE);
        task.setVariable(HANDLED_BY, Actors.of(task));
    }
}
