package com.enrollflow.customer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;

/**
 * 更正学生生日: the student's birth date the family gave at an enquiry, at the import or not at all is corrected by
 * the staff who talk to the family, so that 生日问候 greets the student on the right day. A later enquiry never
 * overwrites a date on record ({@link CustomerRepository#addMissingBirthDate}); this is the one way to change it, and
 * the customer's timeline keeps what it was, who changed it and when.
 */
@Service
public class BirthDateCorrections {

    /** The corrected date as staff give it (ISO 2012-05-20). */
    public record Correction(String studentBirthDate) {
    }

    private final CustomerRepository customers;
    private final CustomerRecords records;
    private final TimelineRepository timeline;
    private final Erasures erasures;
    private final Clock clock;

    BirthDateCorrections(CustomerRepository customers, CustomerRecords records, TimelineRepository timeline,
            Erasures erasures, Clock clock) {
        this.customers = customers;
        this.records = records;
        this.timeline = timeline;
        this.erasures = erasures;
        this.clock = clock;
    }

    /**
     * Sets the student's birth date of a customer of the caller's campuses. 400 naming {@code studentBirthDate} for
     * none, a date that is no date, after today or of an age outside 2–30 ({@link BirthDates}); 404 for a customer
     * the caller does not serve; 409 for a customer whose personal data was erased. The same date again changes
     * nothing and writes nothing.
     */
    @Transactional
    public CustomerRecords.CustomerRecord correct(long customerId, Correction c, String by) {
        InputRules rules = new InputRules();
        LocalDate date = date(rules, c);
        rules.throwIfAny();
        return apply(customerId, date, by);
    }

    /**
     * The same for the Tasklist start form 更正学生生日, the customer named by the family's phone in any spelling: a
     * phone that is none, or no customer of the caller's campuses, is a problem of the field {@code phone}, refused
     * together with the date's (400).
     */
    @Transactional
    public CustomerRecords.CustomerRecord correctByPhone(String phone, Correction c, String by) {
        InputRules rules = new InputRules();
        Long customerId = records.byPhoneTyped(rules, "phone", phone).map(Customer::id)
                .orElse(null);
        LocalDate date = date(rules, c);
        rules.throwIfAny();
        return apply(customerId, date, by);
    }

    private LocalDate date(InputRules rules, Correction c) {
        String given = c == null ? null : c.studentBirthDate();
        if (given == null || given.isBlank()) {
            rules.problem("studentBirthDate", "必填：学生生日（格式 2012-05-20）");
            return null;
        }
        return BirthDates.parse(rules, "studentBirthDate", given, LocalDate.now(clock.withZone(BusinessTime.ZONE)));
    }

    private CustomerRecords.CustomerRecord apply(long customerId, LocalDate date, String by) {
        Customer customer = customers.lockById(customerId).filter(x -> records.visible(x.id()))
                .orElseThrow(() -> new NotFoundException("您负责的校区没有客户 " + customerId));
        if (erasures.erased(customerId)) {
            throw new ConflictException(409, "客户 " + customerId + " 的个人信息已按规定删除，不再记录学生生日");
        }
        if (!date.equals(customer.birthDate())) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            customers.setBirthDate(customerId, date, now);
            timeline.add(customerId, null, TimelineEvent.BIRTH_DATE_CORRECTED, by, "学生生日："
                    + (customer.birthDate() == null ? "未填写" : customer.birthDate()) + " → " + date, now);
        }
        return records.byId(customerId).orElseThrow();
    }
}
