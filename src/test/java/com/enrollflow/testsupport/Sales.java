package com.enrollflow.testsupport;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.approval.ApprovalService;
import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * Opportunities owned by a consultant, quotes and the level-3 sales processes started on them, for the process
 * tests of consultation, discount approval, contract and payment, and scheduling.
 */
@Component
public class Sales {

    public static final String OWNER = "liwei";

    private final TeamRepository teams;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final AssignmentService assignment;
    private final PricingService pricing;
    private final ApprovalService approvals;
    private final SaleTerms saleTerms;
    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final Leads leads;
    private final PaymentService payments;

    Sales(TeamRepository teams, CustomerRepository customers, OpportunityRepository opportunities, AssignmentService assignment,
            PricingService pricing, ApprovalService approvals, SaleTerms saleTerms, ProcessEngine engine,
            JdbcClient jdbc, Leads leads, PaymentService payments) {
        this.leads = leads;
        this.payments = payments;
        this.teams = teams;
        this.customers = customers;
        this.opportunities = opportunities;
        this.assignment = assignment;
        this.pricing = pricing;
        this.approvals = approvals;
        this.saleTerms = saleTerms;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    public record Owned(long customerId, long opportunityId, String productLine) {
    }

    /** A J2 math opportunity at BJ-HD owned and contacted by liwei (a test team of its own), customer with e-mail. */
    public Owned owned(String productLine) {
        return owned(productLine, "家长" + Leads.newPhone().substring(7) + "@example.com");
    }

    public Owned owned(String productLine, String email) {
        return ownedAt("BJ-HD", OWNER, "王小明", productLine, email);
    }

    /** The same at another campus (校区数据范围), owned by a consultant who works there. */
    public Owned ownedAt(String campus, String owner, String customerName, String productLine, String email) {
        return owned(campus, team(campus, owner), owner, customerName, productLine, email);
    }

    /** A BJ-HD 1:1 opportunity owned and contacted by {@code owner} in the given team (a hand-over's). */
    public Owned ownedIn(String teamId, String owner) {
        return owned("BJ-HD", teamId, owner, "王小明", "ONE_ON_ONE", null);
    }

    private Owned owned(String campus, String teamId, String owner, String customerName, String productLine,
            String email) {
        long customer = customers.insert(customerName, "+86" + Leads.newPhone(), email, OffsetDateTime.now());
        long id = opportunities.insert(new NewOpportunity(customer, "PHONE", null, campus, productLine, "J2", "MATH",
                null, "callCenter", OffsetDateTime.now()));
        jdbc.sql("update opportunity set stage = 'INTENT', intent_at = ?, intent_level = 'HIGH', open_slot = ? "
                + "where id = ?").params(OffsetDateTime.now(), customer + ":" + productLine, id).update();
        assignment.joinTeam(id, teamId, "system");
        assignment.designate(id, owner, "sunqiang");
        assignment.recordFirstContact(id, owner, "已联系");
        return new Owned(customer, id, productLine);
    }

    private final Map<String, String> teamsByCampus = new HashMap<>();

    private synchronized String team(String campus, String owner) {
        if (OWNER.equals(owner) && "BJ-HD".equals(campus)) {
            return team();
        }
        return teamsByCampus.computeIfAbsent(campus + owner, k -> {
            String id = "SALES" + campus.replace("-", "") + Long.toString(System.nanoTime() % 100000);
            teams.save(new Team(id, "销售测试组" + id, campus, "ONE_ON_ONE", AssignmentStrategy.SUPERVISOR_DESIGNATES,
                    "consultant", 5, true));
            teams.saveMember(id, owner, MemberStatus.ACTIVE, 100_000, OffsetDateTime.now());
            return id;
        });
    }

    private String team;

    /**
     * A team of its own (liwei, capacity unlimited in practice), so the many opportunities these tests create never
     * count against the demo teams' capacity or claim limits that distribution tests rely on.
     */
    private synchronized String team() {
        if (team == null) {
            team = "SALES" + Long.toString(System.nanoTime() % 100000);
            teams.save(new Team(team, "销售测试组" + team, "BJ-HD", "ONE_ON_ONE", AssignmentStrategy.SUPERVISOR_DESIGNATES,
                    "consultant", 5, true));
            teams.saveMember(team, OWNER, MemberStatus.ACTIVE, 100_000, OffsetDateTime.now());
        }
        return team;
    }

    public Map<String, Object> variables(Owned o) {
        var row = jdbc.sql("select o.campus_code, o.owner_user, c.name from opportunity o "
                + "join customer c on c.id = o.customer_id where o.id = ?").param(o.opportunityId()).query()
                .singleRow();
        Map<String, Object> v = new HashMap<>();
        v.put("opportunityId", o.opportunityId());
        v.put("customerName", row.get("name"));
        v.put("productLine", o.productLine());
        v.put("campus", row.get("campus_code"));
        v.put("intentLevel", "HIGH");
        v.put("consultantId", row.get("owner_user"));
        return v;
    }

    public ProcessInstance start(String processKey, Owned o, Map<String, Object> extra) {
        Map<String, Object> v = variables(o);
        v.putAll(extra);
        return engine.getRuntimeService().createProcessInstanceByKey(processKey)
                .businessKey(String.valueOf(o.opportunityId())).setVariables(v).execute();
    }

    /** An instance started right before one of its steps, as if the earlier steps had run (business key = opportunity). */
    public ProcessInstance startBefore(String processKey, String activityId, Owned o, Map<String, Object> extra) {
        Map<String, Object> v = variables(o);
        v.putAll(extra);
        return engine.getRuntimeService().createProcessInstanceByKey(processKey)
                .businessKey(String.valueOf(o.opportunityId())).startBeforeActivity(activityId).setVariables(v)
                .execute();
    }

    /** A 1:1 quote of 40 senior math lessons with PKG40 and an extra discount, and its sale terms. */
    public Quote quote(Owned o, BigDecimal extraDiscount, InstallmentPlan plan) {
        var row = jdbc.sql("select campus_code, owner_user from opportunity where id = ?").param(o.opportunityId())
                .query().singleRow();
        Quote q = pricing.createQuote(new QuoteRequest(o.opportunityId(), (String) row.get("campus_code"),
                ProductLine.ONE_ON_ONE, Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 40, "PKG40", null, List.of(),
                extraDiscount, extraDiscount.signum() > 0 ? "老客户介绍" : null, (String) row.get("owner_user"), null));
        saleTerms.save(q.id(), plan, nextPreferredTimes());
        return q;
    }

    /**
     * Two weekly times no other test of this run asks for, so proposals of different tests never compete for the
     * demo teacher (the fixed times other tests use are left out of the pool).
     */
    public static String nextPreferredTimes() {
        int i = NEXT_TIMES.getAndAdd(2);
        return TIMES.get(i % TIMES.size()) + ", " + TIMES.get((i + 1) % TIMES.size());
    }

    /**
     * Two weekly times of the pool at which the teacher has no lesson from now on. The pool comes round every 19
     * plans, and lessons other tests leave booked fill the demo teacher's times as a run goes on: a test that needs
     * every lesson with that teacher (a renewal that follows on) takes these.
     */
    public String freePreferredTimes(String teacherId) {
        return freePreferredTimes(teacherId, 2);
    }

    /**
     * {@code count} weekly times of the pool at which the teacher has no lesson from now on. A plan made in 制定方案与报价
     * is refused when its times cannot take its lessons (decision 743): a test whose plan must pass takes these.
     */
    public String freePreferredTimes(String teacherId, int count) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        jdbc.sql("select starts_at, ends_at from lesson where teacher_id = ? and status <> 'CANCELLED' "
                + "and ends_at > ?").params(teacherId, OffsetDateTime.now()).query((rs, n) -> {
                    var zone = com.enrollflow.reference.BusinessTime.ZONE;
                    var end = rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(zone);
                    for (var hour = rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone).withMinute(0);
                            hour.isBefore(end); hour = hour.plusHours(1)) {
                        taken.add(hour.getDayOfWeek() + " " + String.format("%02d:00", hour.getHour()));
                    }
                    return n;
                }).list();
        List<String> free = new java.util.ArrayList<>();
        for (int i = 0; i < TIMES.size() && free.size() < count; i++) {
            String time = TIMES.get(NEXT_TIMES.getAndIncrement() % TIMES.size());
            if (!taken.contains(time)) {
                free.add(time);
            }
        }
        if (free.size() < count) {
            throw new IllegalStateException(teacherId + " has no " + count + " free times left in the pool: " + taken);
        }
        return String.join(", ", free);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_TIMES = new java.util.concurrent.atomic.AtomicInteger();
    private static final List<String> TIMES = times();

    private static List<String> times() {
        List<String> fixed = List.of("SATURDAY 09:00", "WEDNESDAY 18:00", "SUNDAY 10:00", "THURSDAY 19:00",
                "SATURDAY 11:00", "SUNDAY 11:00", "TUESDAY 20:00", "FRIDAY 19:00", "SUNDAY 15:00");
        List<String> all = new java.util.ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            for (int h = 16; h <= 20; h++) {
                all.add(day + " " + h + ":00");
            }
        }
        for (String day : List.of("SATURDAY", "SUNDAY")) {
            for (int h = 8; h <= 17; h++) {
                all.add(day + " " + (h < 10 ? "0" : "") + h + ":00");
            }
        }
        all.removeAll(fixed);
        return List.copyOf(all);
    }

    /** The quote with its approvals done (none needed at this discount, or given by the demo approvers). */
    public Quote approvedQuote(Owned o, InstallmentPlan plan) {
        Quote q = quote(o, BigDecimal.ZERO, plan);
        approvals.request(q.id(), List.of(), q.createdBy());
        return pricing.find(q.id()).orElseThrow();
    }

    /** A bank transfer the desk recorded in 收取学费 ({@code paymentId}) that waits for finance in 确认到账. */
    public record WaitingTransfer(Owned owned, Quote quote, ProcessInstance pi, String reference, long paymentId) {

        public BigDecimal price() {
            return quote.finalPrice();
        }
    }

    /** A BJ-HD family whose full payment the desk (赵敏) took as a bank transfer under {@code reference}. */
    public WaitingTransfer transferWaitingForFinance(String reference) {
        Owned o = owned("ONE_ON_ONE");
        Quote q = approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = start("contractAndPayment", o, Map.of("quoteId", q.id()));
        runJobs(pi);
        Map<String, Object> desk = new HashMap<>();
        desk.put("paymentMethod", "BANK_TRANSFER");
        desk.put("paymentAmount", q.finalPrice().doubleValue());
        desk.put("paymentReference", reference);
        leads.completeAs("zhaomin", task(pi), desk);
        String waitsAt = task(pi).getTaskDefinitionKey();
        if (!"Task_ConfirmReceipt".equals(waitsAt)) {
            throw new IllegalStateException("the transfer waits at " + waitsAt);
        }
        long paymentId = payments.forOpportunity(o.opportunityId()).get(0).payments().get(0).id();
        return new WaitingTransfer(o, q, pi, reference, paymentId);
    }

    /** The transfer's payment as it stands now. */
    public PaymentOrder.Payment payment(WaitingTransfer t) {
        return payments.forOpportunity(t.owned().opportunityId()).get(0).payment(t.paymentId()).orElseThrow();
    }

    public Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    public Task task(ProcessInstance pi, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key)
                .singleResult();
    }

    /** Runs the instance's due async jobs (not timers), as the job executor would; returns the failures. */
    public void runJobs(ProcessInstance pi) {
        var management = engine.getManagementService();
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(pi.getId()).messages().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    public <T> T column(long opportunityId, String column, Class<T> type) {
        return jdbc.sql("select " + column + " from opportunity where id = ?").param(opportunityId).query(type)
                .list().get(0);
    }
}
