package com.enrollflow.testsupport;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentEventKind;
import com.enrollflow.assignment.AssignmentEventRepository;
import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;

/**
 * Test helper for distribution: a fresh team per test (so open counts start at zero), an intent opportunity
 * as the intent process leaves it, and opportunity-assignment started right after team routing.
 */
@Component
public class Assignments {

    private static final AtomicInteger TEAMS = new AtomicInteger();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));

    private final TeamRepository teams;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final AssignmentEventRepository events;
    private final ProcessEngine engine;
    private final JdbcClient jdbc;

    Assignments(TeamRepository teams, CustomerRepository customers, OpportunityRepository opportunities,
            AssignmentEventRepository events, ProcessEngine engine, JdbcClient jdbc) {
        this.teams = teams;
        this.customers = customers;
        this.opportunities = opportunities;
        this.events = events;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** A new team on BJ-HD, 1:1, with the members (capacity 30 each), all active. */
    public String team(AssignmentStrategy strategy, String... members) {
        return team(strategy, 5, 30, members);
    }

    public String team(AssignmentStrategy strategy, int claimHoldCap, int capacity, String... members) {
        String id = "T" + RUN + "x" + TEAMS.incrementAndGet();
        String group = members.length > 0 && members[0].startsWith("zhangli") ? "callCenter" : "consultant";
        teams.save(new Team(id, "测试组" + id, "BJ-HD", "ONE_ON_ONE", strategy, group, claimHoldCap, true));
        for (String m : members) {
            teams.saveMember(id, m, MemberStatus.ACTIVE, capacity, OffsetDateTime.now());
        }
        return id;
    }

    /**
     * A consultant of the campus of their own (Camunda user, group consultant, the campus's tenant), in no team yet:
     * for a test that has them leave, which would otherwise move the demo consultants' work.
     */
    public String newConsultant(String campus) {
        String userId = "leaver" + RUN + "x" + TEAMS.incrementAndGet();
        var identity = engine.getIdentityService();
        var user = identity.newUser(userId);
        user.setFirstName("离");
        user.setLastName("职");
        identity.saveUser(user);
        identity.createMembership(userId, "consultant");
        identity.createTenantUserMembership(com.enrollflow.reference.Campus.tenantId(campus), userId);
        return userId;
    }

    /** An opportunity at stage INTENT (1:1, BJ-HD) for a new customer. */
    public long intentOpportunity() {
        long customer = customers.insert("分配测试", "+86" + Leads.newPhone(), null, OffsetDateTime.now());
        long id = opportunities.insert(new NewOpportunity(customer, "PHONE", null, "BJ-HD", "ONE_ON_ONE", "J2", "MATH",
                null, "callCenter", OffsetDateTime.now()));
        jdbc.sql("update opportunity set stage = 'INTENT', intent_at = ?, intent_level = 'HIGH' where id = ?")
                .params(OffsetDateTime.now(), id).update();
        return id;
    }

    /** opportunity-assignment for the opportunity, entering after team routing with the given team. */
    public ProcessInstance start(long opportunityId, String teamId) {
        Map<String, Object> v = new HashMap<>();
        v.put("opportunityId", opportunityId);
        v.put("teamId", teamId);
        v.put("productLine", "ONE_ON_ONE");
        v.put("campus", "BJ-HD");
        v.put("intentLevel", "HIGH");
        v.put("customerName", "分配测试");
        v.put("phoneDisplay", "139 0000 0000");
        return engine.getRuntimeService().createProcessInstanceByKey("opportunityAssignment")
                .businessKey(String.valueOf(opportunityId)).setVariables(v)
                .startBeforeActivity("BusinessRuleTask_DecideRecycleLimits").execute();
    }

    public Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    public List<AssignmentEventKind> history(long opportunityId) {
        return events.forOpportunity(opportunityId).stream().map(AssignmentEventRepository.Entry::kind).toList();
    }

    public List<AssignmentEventRepository.Entry> entries(long opportunityId) {
        return events.forOpportunity(opportunityId);
    }

    public String owner(long opportunityId) {
        return opportunities.get(opportunityId).ownerUser();
    }

    public <T> T column(long opportunityId, String column, Class<T> type) {
        return jdbc.sql("select " + column + " from opportunity where id = ?").param(opportunityId).query(type)
                .list().get(0);
    }

    /** Runs the timer job of a boundary event now, as the job executor would when it falls due. */
    public void fireTimer(ProcessInstance pi, String boundaryEventId) {
        var management = engine.getManagementService();
        var job = management.createJobQuery().processInstanceId(pi.getId()).activityId(boundaryEventId).singleResult();
        if (job == null) {
            throw new AssertionError("no timer " + boundaryEventId + " in " + pi.getId());
        }
        management.executeJob(job.getId());
    }
}
