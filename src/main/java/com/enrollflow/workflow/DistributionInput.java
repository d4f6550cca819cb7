package com.enrollflow.workflow;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.StaffRole;

/** Checks the 分配商机 form (Task_DistributeOpportunity): the chosen person must be a consultant. */
@Component("distributionInput")
class DistributionInput implements TaskListener {

    private final IdentityService identity;

    DistributionInput(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskInput input = new TaskInput(task);
        String consultant = input.text(CONSULTANT_ID, 64, true);
        if (consultant != null && identity.createUserQuery().userId(consultant)
                .memberOfGroup(StaffRole.CONSULTANT.groupId()).count() == 0) {
            input.problem(CONSULTANT_ID, "“" + consultant + "”不是课程顾问");
        }
        input.check();
    }
}
