package com.enrollflow.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;

/** Test helper: leads through the real intake, and tasks completed the way Tasklist does it. */
@Component
public class Leads {

    private final LeadIntakeService intake;
    private final OpportunityRepository opportunities;
    private final ProcessEngine engine;

    Leads(LeadIntakeService intake, OpportunityRepository opportunities, ProcessEngine engine) {
        this.intake = intake;
        this.opportunities = opportunities;
        this.engine = engine;
    }

    /** A valid mainland mobile number nobody else in this run has. */
    /**
     * A mobile number no other call in this test run returned: a random start, then one after another. Drawn at
     * random each time, two of the suite's thousands of numbers met now and then (a birthday collision: about one run
     * in ten), and the second lead became a repeat enquiry of the first customer, failing whichever test drew it.
     */
    public static String newPhone() {
        return "139" + String.format("%08d", (PHONE_START + PHONES.getAndIncrement()) % 100_000_000);
    }

    private static final long PHONE_START = ThreadLocalRandom.current().nextLong(100_000_000);
    private static final java.util.concurrent.atomic.AtomicLong PHONES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A customer row written directly (a fresh phone), for tests that write opportunities by SQL to check what the
     * database keeps of them; its id.
     */
    public static long customer(org.springframework.jdbc.core.simple.JdbcClient jdbc, String name,
            java.time.OffsetDateTime at) {
        org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values (?, ?, ?, ?)")
                .params(name, "+86" + newPhone(), at, at).update(keys, "id");
        return keys.getKey().longValue();
    }

    public static LeadRequest lead(String name, String phone, String channel) {
        return new LeadRequest(name, phone, channel, null, "BJ-HD", null, "J2", "MATH", null, null, null, "想了解数学辅导");
    }

    /** Receives a lead and, as the job executor would, runs the enrollment's async continuation. */
    public LeadIntakeResult receive(LeadRequest request) {
        LeadIntakeResult result = intake.receive(request, "zhangli", null, null).result();
        result.opportunities().forEach(o -> runJobs(o.processInstanceId()));
        return result;
    }

    /** Runs the due jobs (async continuations, not timers) of a process instance, as the job executor would. */
    public void runJobs(String processInstanceId) {
        var management = engine.getManagementService();
        for (int round = 0; round < 10; round++) {
            var due = management.createJobQuery().processInstanceId(processInstanceId).messages().executable()
                    .list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    /**
     * Runs what follows the opportunity's lessons consumed so far (课消后续跟进: renewal, survey, 剩余课时待排), as the
     * job executor does after each mark commits; answers how many of its instances ran.
     */
    public int runLessonFollowUps(long opportunityId) {
        List<ProcessInstance> waiting = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("lessonFollowUps").processInstanceBusinessKey(String.valueOf(opportunityId))
                .list();
        waiting.forEach(pi -> runJobs(pi.getId()));
        return waiting.size();
    }

    /** The same for one 1:1 lesson consumed: runs what follows its mark(s). */
    public void runLessonFollowUpsOfLesson(long lessonId) {
        engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("lessonFollowUps")
                .variableValueEquals("lessonId", lessonId).list().forEach(pi -> runJobs(pi.getId()));
    }

    public record NewLead(long customerId, long opportunityId, ProcessInstance enrollment) {
    }

    public NewLead newLead(String channel) {
        LeadIntakeResult result = receive(lead("测试客户", newPhone(), channel));
        var ref = result.opportunities().get(0);
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(ref.processInstanceId()).singleResult();
        return new NewLead(result.customerId(), ref.opportunityId(), pi);
    }

    public Opportunity opportunity(long id) {
        return opportunities.get(id);
    }

    /** Claims and completes as the user, authenticated with the user's groups, as Tasklist would. */
    public void completeAs(String user, Task task, Map<String, Object> variables) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId())
                .toList();
        // as the REST API and the webapps log a user in: with their campuses (tenants), which the engine checks
        List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
                .stream().map(t -> t.getId()).toList();
        identity.setAuthentication(user, groups, tenants);
        try {
            if (task.getAssignee() == null) {
                engine.getTaskService().claim(task.getId(), user);
            }
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }
}
