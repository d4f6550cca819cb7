package com.enrollflow.referral;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.customer.TimelineRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;

/**
 * Who referred a family (介绍人): a customer of the caller's campuses, found by phone or by a name only one of those
 * customers has, stored as a link from the referred customer. One link per referred customer; the first one counts.
 */
@Service
public class Referrals {

    /** The referrer as the intake resolved them, and the field that named them. */
    public record Referrer(long customerId, String name, String field) {
    }

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final CustomerRecords records;
    private final PhoneNumbers phones;
    private final CampusScope scope;
    private final TimelineRepository timeline;

    Referrals(JdbcClient jdbc, CustomerRepository customers, CustomerRecords records, PhoneNumbers phones,
            CampusScope scope, TimelineRepository timeline) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.records = records;
        this.phones = phones;
        this.scope = scope;
        this.timeline = timeline;
    }

    /**
     * The referrer named by {@code referrerPhone} or, without one, by {@code referrerName}. A phone must be a
     * customer the caller sees (else a problem of {@code referrerPhone}); a name links only when exactly one such
     * customer has it: several are a problem of {@code referrer}, none leaves the name as free text (a friend or a
     * teacher who is no customer), as before referrals were linked.
     */
    public Optional<Referrer> find(String referrerPhone, String referrerName, InputRules rules) {
        if (referrerPhone != null) {
            Optional<String> e164 = phones.normalise(referrerPhone);
            if (e164.isEmpty()) {
                rules.problem("referrerPhone", "不是有效的电话号码：“" + InputRules.abbreviate(referrerPhone) + "”");
                return Optional.empty();
            }
            Optional<Customer> found = customers.findByPhone(e164.get()).filter(c -> records.visible(c.id()));
            if (found.isEmpty()) {
                rules.problem("referrerPhone", "您负责的校区中没有电话为 " + phones.display(e164.get())
                        + " 的客户（介绍人须是已登记的客户）");
            }
            return found.map(c -> new Referrer(c.id(), c.name(), "referrerPhone"));
        }
        if (referrerName == null) {
            return Optional.empty();
        }
        Scope s = scope.current();
        List<Long> named = s.bind(jdbc.sql("select distinct c.id from customer c join opportunity o on o.customer_id "
                + "= c.id where c.name = :name and " + s.opportunityCondition("o.")))
                .param("name", referrerName).query(Long.class).list();
        if (named.size() > 1) {
            rules.problem("referrer", "您负责的校区中有 " + named.size() + " 位名为“" + referrerName
                    + "”的客户，请填写介绍人手机号（referrerPhone）");
            return Optional.empty();
        }
        return named.stream().findFirst().map(id -> new Referrer(id, referrerName, "referrer"));
    }

    /**
     * Links the referred customer to the referrer, in the intake's transaction. Refused (400, the field that named the referrer)
     * for the family itself, for a customer who has already paid for a course (an old customer is nobody's new
     * family) and for the family that this one referred (no two families refer each other); a customer already
     * referred keeps their first referrer. Returns whether a link was stored.
     */
    public boolean link(long referredCustomerId, long referredOpportunityId, Referrer referrer, String by,
            OffsetDateTime at) {
        if (referrer.customerId() == referredCustomerId) {
            throw new InvalidInputException(referrer.field(), "介绍人不能是客户本人");
        }
        if (jdbc.sql("select count(*) from opportunity where customer_id = ? and paid_at is not null")
                .param(referredCustomerId).query(Integer.class).single() > 0) {
            throw new InvalidInputException(referrer.field(), "该客户已报名缴费过，不能登记为转介绍的新客户");
        }
        if (referrerOf(referredCustomerId).isPresent()) {
            return false;
        }
        if (referrerOf(referrer.customerId()).filter(r -> r == referredCustomerId).isPresent()) {
            // two new families naming each other would each earn the other a reward
            throw new InvalidInputException(referrer.field(), "介绍人" + referrer.name()
                    + "是由该客户介绍来的，不能互为介绍人");
        }
        jdbc.sql("insert into referral (referred_customer_id, referred_opportunity_id, referrer_customer_id, "
                + "recorded_by, recorded_at) values (?, ?, ?, ?, ?)")
                .params(referredCustomerId, referredOpportunityId, referrer.customerId(), by, at).update();
        timeline.add(referredCustomerId, referredOpportunityId, TimelineEvent.REFERRED, by,
                "介绍人：" + referrer.name() + "（客户编号 " + referrer.customerId() + "）", at);
        return true;
    }

    /** The customer who referred this one, if any. */
    public Optional<Long> referrerOf(long referredCustomerId) {
        return jdbc.sql("select referrer_customer_id from referral where referred_customer_id = ?")
                .param(referredCustomerId).query(Long.class).optional();
    }
}
