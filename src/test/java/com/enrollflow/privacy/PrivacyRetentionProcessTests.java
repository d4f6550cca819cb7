package com.enrollflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * privacy-retention.bpmn (个人信息保留期清理): the nightly timer, the retention rules at their boundaries, one job per
 * customer with its own retries, and a customer who comes back between the search and the erasure.
 */
@EnrollFlowTest
class PrivacyRetentionProcessTests {

    static final Period LEADS = Period.ofYears(2);
    static final Period CUSTOMERS = Period.ofYears(3);

    @Autowired
    ProcessEngine engine;
    @Autowired
    PrivacyService privacy;
    @Autowired
    PrivacyFixtures fixtures;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldBeDueEveryNightAtHalfPastTwoBeijingTime() {
        Job timer = fixtures.nightlyTimer();
        var due = timer.getDuedate().toInstant().atZone(BusinessTime.ZONE);
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(2, 30));
        assertThat(due.toInstant()).isAfter(java.time.Instant.now())
                .isBefore(java.time.Instant.now().plus(java.time.Duration.ofDays(1)));
    }

    @Test
    void shouldPickExactlyTheCustomersWhoseRetentionPeriodIsOverAndEraseThemInTheNightlyRun() {
        long leadPast = fixtures.closedLead(PrivacyFixtures.ago(LEADS, -1));
        long leadNotYet = fixtures.closedLead(PrivacyFixtures.ago(LEADS, 1));
        long leadReturned = fixtures.closedLead(PrivacyFixtures.ago(LEADS, -30));
        fixtures.openOpportunity(leadReturned);
        long finishedPast = fixtures.finishedCustomer(PrivacyFixtures.ago(CUSTOMERS, -1));
        long finishedNotYet = fixtures.finishedCustomer(PrivacyFixtures.ago(CUSTOMERS, 1));
        // won 2.5 years ago: past the lead period, but a customer keeps the longer one
        long wonBetween = fixtures.finishedCustomer(PrivacyFixtures.ago(LEADS, -180));
        // won long ago, but lost a new opportunity last month: the last business decides
        long wonThenLostRecently = fixtures.finishedCustomer(PrivacyFixtures.ago(CUSTOMERS, -100));
        fixtures.closedOpportunity(wonThenLostRecently, "LOST", PrivacyFixtures.ago(Period.ofMonths(1), 0));
        Set<Long> mine = Set.of(leadPast, leadNotYet, leadReturned, finishedPast, finishedNotYet, wonBetween,
                wonThenLostRecently);

        List<Long> due = privacy.dueForRetention();
        assertThat(due).contains(leadPast, finishedPast)
                .doesNotContain(leadNotYet, leadReturned, finishedNotYet, wonBetween, wonThenLostRecently);
        assertThat(due).as("nothing else in the database is past its period").allMatch(mine::contains);

        ProcessInstance run = fixtures.runNightly();
        assertThat(run).hasPassed("ServiceTask_FindDueCustomers", "ServiceTask_EraseCustomer", "EndEvent_RetentionDone")
                .isEnded();
        assertThat(fixtures.erased(leadPast)).isTrue();
        assertThat(fixtures.erased(finishedPast)).isTrue();
        for (long kept : List.of(leadNotYet, leadReturned, finishedNotYet, wonBetween, wonThenLostRecently)) {
            assertThat(fixtures.erased(kept)).as("customer %d", kept).isFalse();
            assertThat(name(kept)).startsWith("隐私");
        }
        assertThat(name(leadPast)).isEqualTo("已删除客户#" + leadPast);
        Erasure record = privacy.find(finishedPast).orElseThrow();
        assertThat(record.trigger()).isEqualTo(ErasureTrigger.RETENTION);
        assertThat(record.requestedBy()).isEqualTo("system");
        assertThat(record.reason()).contains("报名已结束", "P3Y");
        assertThat(privacy.find(leadPast).orElseThrow().reason()).contains("未成单", "P2Y");
        assertThat(privacy.dueForRetention()).as("an erased customer is never due again").doesNotContain(leadPast,
                finishedPast);
    }

    @Test
    void shouldCancelAProcessStillRunningForADueCustomerAndDeleteItsHistoryInTheSameJob() {
        Leads.NewLead lead = leads.newLead("PHONE");
        // closed outside its process (e.g. by hand in the database), its enrollment still waits at first contact
        jdbc.sql("update opportunity set status = 'LOST', open_slot = null, closed_at = ? where id = ?")
                .params(PrivacyFixtures.ago(LEADS, -5), lead.opportunityId()).update();
        String key = String.valueOf(lead.opportunityId());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).count())
                .isEqualTo(2);

        ProcessInstance run = fixtures.runNightly();

        assertThat(run).hasPassed("EndEvent_RetentionDone").isEnded();
        assertThat(fixtures.erased(lead.customerId())).isTrue();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).count())
                .isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
                .count()).isZero();
        for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
                "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_GE_BYTEARRAY")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where root_proc_inst_id_ = ?")
                    .param(lead.enrollment().getId()).query(Long.class).single()).as(table).isZero();
        }
        assertThat(privacy.find(lead.customerId()).orElseThrow().erasedCounts())
                .containsEntry("processInstancesCancelled", 1).containsEntry("historicProcessInstancesDeleted", 2);
    }

    @Test
    void shouldCountTheLastLessonInstallmentAndPaymentAndWaitWhileMoneyIsOwed() {
        var wonLongAgo = PrivacyFixtures.ago(CUSTOMERS, -60);
        long lessonLately = fixtures.customer();
        fixtures.lesson(lessonLately, fixtures.closedOpportunity(lessonLately, "WON", wonLongAgo),
                PrivacyFixtures.ago(Period.ofYears(1), 0));
        long installmentLately = fixtures.customer();
        fixtures.order(fixtures.closedOpportunity(installmentLately, "WON", wonLongAgo), "PAID",
                PrivacyFixtures.ago(CUSTOMERS, 1).toLocalDate());
        long stillOwes = fixtures.customer();
        fixtures.order(fixtures.closedOpportunity(stillOwes, "WON", wonLongAgo), "OPEN",
                PrivacyFixtures.ago(CUSTOMERS, -50).toLocalDate());
        long allOld = fixtures.customer();
        long allOldOpportunity = fixtures.closedOpportunity(allOld, "WON", wonLongAgo);
        fixtures.order(allOldOpportunity, "PAID", PrivacyFixtures.ago(CUSTOMERS, -2).toLocalDate());
        fixtures.lesson(allOld, allOldOpportunity, PrivacyFixtures.ago(CUSTOMERS, -2));

        List<Long> due = privacy.dueForRetention();

        assertThat(due).contains(allOld).doesNotContain(lessonLately, installmentLately, stillOwes);
        fixtures.runNightly();
        assertThat(fixtures.erased(allOld)).isTrue();
        assertThat(jdbc.sql("select student_name from schedule_proposal where customer_id = ?").param(allOld)
                .query(String.class).single()).isEqualTo("已删除客户#" + allOld);
        assertThat(fixtures.erased(stillOwes)).isFalse();
    }

    @Test
    void shouldEndAtOnceWhenNobodyIsDue() {
        ProcessInstance run = fixtures.runNightly();
        assertThat(run).hasPassed("ServiceTask_FindDueCustomers", "EndEvent_NothingDue")
                .hasNotPassed("ServiceTask_EraseCustomer").isEnded();
    }

    @Test
    void shouldLeaveACustomerAloneWhoEnquiredAgainBetweenTheSearchAndTheErasure() {
        long customer = fixtures.closedLead(PrivacyFixtures.ago(LEADS, -10));
        ProcessInstance run = fixtures.startNightly();
        runOne(run, "ServiceTask_FindDueCustomers");
        fixtures.openOpportunity(customer);

        fixtures.runJobs(run);
        assertThat(run).hasPassed("EndEvent_RetentionDone").isEnded();
        assertThat(fixtures.erased(customer)).isFalse();
        assertThat(name(customer)).startsWith("隐私");
    }

    @Test
    void shouldRetryAFailedCustomerOnItsOwnScheduleWhileTheOthersAreErased() {
        long customer = fixtures.closedLead(PrivacyFixtures.ago(LEADS, -20));
        ProcessInstance run = engine.getRuntimeService().createProcessInstanceByKey("privacyRetention")
                .startBeforeActivity("Gateway_AnyDue")
                .setVariable("dueCustomers", new java.util.ArrayList<>(List.of("not-a-customer", String.valueOf(customer))))
                .execute();
        var management = engine.getManagementService();
        List<Job> jobs = management.createJobQuery().processInstanceId(run.getId()).list();
        assertThat(jobs).hasSize(2);
        for (Job job : jobs) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the broken entry fails; its job keeps the rest of its retries
            }
        }
        assertThat(fixtures.erased(customer)).isTrue();
        Job failed = management.createJobQuery().processInstanceId(run.getId()).singleResult();
        assertThat(failed.getRetries()).as("R5/PT1H: 5 attempts, one used").isEqualTo(4);
        assertThat(failed.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 50 * 60_000L));
        assertThat(run).isWaitingAt("ServiceTask_EraseCustomer");
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThatThrownBy(() -> management.executeJob(failed.getId())).isInstanceOf(RuntimeException.class);
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId()).count())
                .as("an incident in Cockpit after the last retry").isEqualTo(1);
        engine.getRuntimeService().deleteProcessInstance(run.getId(), "test done");
    }

    private String name(long customerId) {
        return jdbc.sql("select name from customer where id = ?").param(customerId).query(String.class).single();
    }

    private void runOne(ProcessInstance run, String activityId) {
        var management = engine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(run.getId()).activityId(activityId)
                .singleResult().getId());
    }
}
