package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.approval.ApprovalService;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.testsupport.Leads;

/** Classes (班级) under way and the families that bought them, for the roll call's and the class transfer's tests. */
@Component
public class ClassFixtures {

    private static final AtomicInteger CLASSES = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final PricingService pricing;
    private final ApprovalService approvals;
    private final ContractService contracts;
    private final RuntimeService runtime;

    ClassFixtures(JdbcClient jdbc, CustomerRepository customers, OpportunityRepository opportunities,
            PricingService pricing, ApprovalService approvals, ContractService contracts, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.customers = customers;
        this.opportunities = opportunities;
        this.pricing = pricing;
        this.approvals = approvals;
        this.contracts = contracts;
    }

    public static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    /** A J2 maths class of the campus for ¥1,600.00 that began a week ago (see {@link #newClass(String, int, String)}). */
    public String newClass(String campus, int lessons) {
        return newClass(campus, lessons, "1600.00");
    }

    /**
     * A J2 maths class of the campus at {@code price} for its {@code lessons}, begun a week ago; its name is unique, as
     * staff would type it. It is out of the price list (closed to new families, as a class under way often is), so
     * other tests' price lists do not see it; a roll call and a class transfer do not ask.
     */
    public String newClass(String campus, int lessons, String price) {
        String code = "T-CLS-" + CLASSES.incrementAndGet();
        jdbc.sql("insert into class_offering (code, campus_code, name, subject, grade, lessons, price, starts_on, "
                + "active) values (?, ?, ?, 'MATH', 'J2', ?, ?, ?, false)").params(code, campus, className(code),
                        lessons, new BigDecimal(price), today().minusDays(7)).update();
        return code;
    }

    /**
     * The 班课点名 task of a day the class met, open, as the morning job leaves it for the class's teachers (a BJ-HD
     * class without a teacher who logs in).
     */
    public ProcessInstance openClassDay(String classCode, LocalDate day) {
        Map<String, Object> v = new HashMap<>();
        v.put("campus", "BJ-HD");
        v.put("classCode", classCode);
        v.put("className", className(classCode) + "（" + classCode + "）");
        v.put("teacherLogin", null);
        v.put("candidateGroups", "teacher,academicAffairs");
        v.put("day", day.toString());
        v.put("dayText", day.toString());
        v.put("dueAt", day.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime().toString());
        return runtime.startProcessInstanceByKey("classDayRollCall", classCode + ":" + day, v);
    }

    public static String className(String code) {
        return "测试数学班" + code.substring(6);
    }

    /**
     * The contract's hours ledger as a node of the release before V69 opens it, during a rolling upgrade: its class
     * lines do not name their class.
     */
    public void openAsThePreviousRelease(long contractId) {
        jdbc.sql("insert into hours_ledger (contract_id, line_no, kind, description, purchased, final_amount) "
                + "select c.id, l.line_no, l.kind, l.description, l.lessons, l.final_amount from contract c "
                + "join quote_line l on l.quote_id = c.quote_id where c.id = ?").param(contractId).update();
    }

    /**
     * A family that bought {@code lessons} 1:1 maths lessons with a standard teacher and, beside them, the classes:
     * one 1:1 opportunity, one quote of all of it, the contract issued (its lines in that order).
     */
    public Contract studentWithLessons(String campus, int lessons, String name, String... classCodes) {
        OffsetDateTime now = OffsetDateTime.now();
        long customerId = customers.insert(name, "+86" + Leads.newPhone(), null, now);
        long opportunityId = opportunities.insert(new NewOpportunity(customerId, "PHONE", null, campus, "ONE_ON_ONE",
                "J2", "MATH", "数学一对一和班课", "consultant", now));
        for (String c : classCodes) {
            jdbc.sql("update class_offering set active = true where code = ?").param(c).update();
        }
        Quote q = pricing.createQuote(new QuoteRequest(opportunityId, campus, ProductLine.ONE_ON_ONE, Grade.J2,
                Subject.MATH, TeacherLevel.STANDARD, lessons, null, null, List.of(classCodes), BigDecimal.ZERO, null,
                "liwei", null));
        for (String c : classCodes) {
            jdbc.sql("update class_offering set active = false where code = ?").param(c).update();
        }
        approvals.request(q.id(), List.of(), "liwei");
        return signedBeforeTheClassBegan(contracts.issue(q.id(), "liwei"));
    }

    /** A family that bought the class: its own CLASS opportunity, a quote of the class alone, the contract issued. */
    public Contract student(String campus, String classCode, String name) {
        OffsetDateTime now = OffsetDateTime.now();
        long customerId = customers.insert(name, "+86" + Leads.newPhone(), null, now);
        long opportunityId = opportunities.insert(new NewOpportunity(customerId, "PHONE", null, campus, "CLASS", "J2",
                "MATH", "数学班课", "consultant", now));
        jdbc.sql("update class_offering set active = true where code = ?").param(classCode).update();
        Quote q = pricing.createQuote(new QuoteRequest(opportunityId, campus, ProductLine.CLASS, Grade.J2,
                Subject.MATH, null, null, null, null, List.of(classCode), BigDecimal.ZERO, null, "liwei", null));
        jdbc.sql("update class_offering set active = false where code = ?").param(classCode).update();
        approvals.request(q.id(), List.of(), "liwei");
        return signedBeforeTheClassBegan(contracts.issue(q.id(), "liwei"));
    }

    /**
     * The contract as if signed the week before, before its classes began (a week ago): the roll calls the tests
     * take for the days since then find the family on the roster, as they would have had it signed then.
     */
    private Contract signedBeforeTheClassBegan(Contract c) {
        jdbc.sql("update contract set issued_at = ? where id = ?")
                .params(today().minusDays(8).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(), c.id()).update();
        return contracts.find(c.id()).orElseThrow();
    }
}
