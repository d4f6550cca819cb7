package com.enrollflow.privacy;

import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.Leads;

/** Customers whose business with us ended at a chosen moment, for the retention rules. */
@Component
class PrivacyFixtures {

    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final JdbcClient jdbc;
    private final ProcessEngine engine;

    PrivacyFixtures(CustomerRepository customers, OpportunityRepository opportunities, JdbcClient jdbc,
            ProcessEngine engine) {
        this.customers = customers;
        this.opportunities = opportunities;
        this.jdbc = jdbc;
        this.engine = engine;
    }

    /** The deployed start timer of privacy-retention.bpmn. */
    Job nightlyTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey("privacyRetention").timers()
                .singleResult();
    }

    /** What the job executor does at 02:30: the timer starts a run, whose jobs then run one after the other. */
    ProcessInstance runNightly() {
        ProcessInstance run = startNightly();
        runJobs(run);
        return run;
    }

    /** The timer fires: a new run, waiting at its first job. */
    ProcessInstance startNightly() {
        Set<String> before = new HashSet<>(runs());
        engine.getManagementService().executeJob(nightlyTimer().getId());
        List<String> started = runs().stream().filter(id -> !before.contains(id)).toList();
        if (started.size() != 1) {
            throw new AssertionError("the timer started " + started.size() + " runs");
        }
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.get(0))
                .singleResult();
    }

    void runJobs(ProcessInstance run) {
        var management = engine.getManagementService();
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(run.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private List<String> runs() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("privacyRetention")
                .list().stream().map(h -> h.getId()).toList();
    }

    /** A name no other row of this run contains, so a search for it finds only this customer's data. */
    static String uniqueName() {
        StringBuilder name = new StringBuilder("隐私");
        for (int i = 0; i < 6; i++) {
            name.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }

    /** That long ago, give or take whole days (business time, as the retention rule reads it). */
    static OffsetDateTime ago(Period period, int plusDays) {
        return ZonedDateTime.now(BusinessTime.ZONE).minus(period).plusDays(plusDays).toOffsetDateTime();
    }

    long customer() {
        return customers.insert(uniqueName(), "+86" + Leads.newPhone(), null, OffsetDateTime.now());
    }

    /** An opportunity of the customer, received when it closed, closed with the status at that moment. */
    long closedOpportunity(long customerId, String status, OffsetDateTime closedAt) {
        long id = opportunities.insert(new NewOpportunity(customerId, "PHONE", null, "BJ-HD", "ONE_ON_ONE", "J2",
                "MATH", "提高数学成绩", "callCenter", closedAt.minusDays(30)));
        jdbc.sql("update opportunity set status = ?, open_slot = null, closed_at = ?, close_reason = ? where id = ?")
                .params(status, closedAt, "WON".equals(status) ? "报名完成" : "家长觉得太贵", id).update();
        return id;
    }

    long openOpportunity(long customerId) {
        return opportunities.insert(new NewOpportunity(customerId, "PHONE", null, "BJ-HD", "CLASS", "J2", "MATH", null,
                "callCenter", OffsetDateTime.now()));
    }

    /** A lead (never won) whose only opportunity closed at that moment. */
    long closedLead(OffsetDateTime closedAt) {
        long c = customer();
        closedOpportunity(c, "LOST", closedAt);
        return c;
    }

    /** A customer whose won opportunity closed at that moment (no contract, lessons or payments of its own). */
    long finishedCustomer(OffsetDateTime wonAt) {
        long c = customer();
        closedOpportunity(c, "WON", wonAt);
        return c;
    }

    /** A payment order of the opportunity (status OPEN, PAID or CANCELLED) with one installment due that day. */
    void order(long opportunityId, String status, java.time.LocalDate due) {
        long ref = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        jdbc.sql("insert into payment_order (order_no, opportunity_id, quote_id, contract_id, campus_code, total, "
                + "status, created_at) values (?, ?, ?, ?, 'BJ-HD', 1000.00, ?, ?)")
                .params("PT-" + ref, opportunityId, ref, ref, status, OffsetDateTime.now()).update();
        long order = jdbc.sql("select id from payment_order where order_no = ?").param("PT-" + ref)
                .query(Long.class).single();
        jdbc.sql("insert into installment (order_id, seq, due_date, amount) values (?, 1, ?, 1000.00)")
                .params(order, due).update();
    }

    /** A confirmed 1:1 lesson of the customer that ended at that moment (with any demo teacher and room). */
    void lesson(long customerId, long opportunityId, OffsetDateTime endedAt) {
        String teacher = jdbc.sql("select id from teacher order by id").query(String.class).list().get(0);
        String room = jdbc.sql("select id from room order by id").query(String.class).list().get(0);
        jdbc.sql("insert into schedule_proposal (opportunity_id, customer_id, student_name, campus_code, subject, "
                + "grade, teacher_level, lessons, status, created_at) "
                + "values (?, ?, '学生', 'BJ-HD', 'MATH', 'J2', 'SENIOR', 1, 'CONFIRMED', ?)")
                .params(opportunityId, customerId, endedAt).update();
        long proposal = jdbc.sql("select max(id) from schedule_proposal where opportunity_id = ?").param(opportunityId)
                .query(Long.class).single();
        jdbc.sql("insert into lesson (proposal_id, seq, teacher_id, room_id, customer_id, starts_at, ends_at, status) "
                + "values (?, 1, ?, ?, ?, ?, ?, 'CONFIRMED')")
                .params(proposal, teacher, room, customerId, endedAt.minusHours(1), endedAt).update();
    }

    boolean erased(long customerId) {
        return jdbc.sql("select count(*) from privacy_erasure where customer_id = ?").param(customerId)
                .query(Long.class).single() == 1;
    }
}
