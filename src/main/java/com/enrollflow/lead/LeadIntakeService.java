package com.enrollflow.lead;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.ReusedPlans;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.customer.TimelineRepository;
import com.enrollflow.opportunity.EnrollmentProcess;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Scope;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.referral.Referrals;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Lead collection (客户信息搜集): one enquiry in, one transaction: the customer (found by the
 * normalised phone or created), the enquiry, the opportunity and its process instance are committed
 * together or not at all.
 *
 * <p>One customer, one owner (报备): while the customer has an open opportunity, a new enquiry
 * starts nothing that competes with it; it is recorded and handed to the owner as 客户再次咨询.
 * Races are decided by the database: the customer row is locked for the intake, a concurrent first
 * insert of the same phone fails on its unique constraint and the loser runs again and finds the
 * winner's customer.
 */
@Service
public class LeadIntakeService {

    static final String API_SCOPE_PREFIX = "POST /api/leads ";
    private static final Logger log = LoggerFactory.getLogger(LeadIntakeService.class);
    private static final int MAX_ATTEMPTS = 10;

    private final LeadValidator validator;
    private final CustomerRepository customers;
    private final CustomerRecords records;
    private final OpportunityRepository opportunities;
    private final EnquiryRepository enquiries;
    private final TimelineRepository timeline;
    private final EnrollmentProcess process;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final CampusScope scope;
    private final CampusRepository campuses;
    private final StaffDirectory staff;
    private final Referrals referrals;
    private final ReusedPlans plans;
    private final Counter created;
    private final Counter repeated;

    LeadIntakeService(LeadValidator validator, CustomerRepository customers, OpportunityRepository opportunities,
            EnquiryRepository enquiries, TimelineRepository timeline, EnrollmentProcess process,
            IdempotentRequests idempotent, TransactionTemplate tx, ObjectMapper json, Clock clock,
            MeterRegistry meters, CampusScope scope, CampusRepository campuses, StaffDirectory staff,
            Referrals referrals, ReusedPlans plans, CustomerRecords records) {
        this.records = records;
        this.referrals = referrals;
        this.plans = plans;
        this.scope = scope;
        this.campuses = campuses;
        this.staff = staff;
        this.validator = validator;
        this.customers = customers;
        this.opportunities = opportunities;
        this.enquiries = enquiries;
        this.timeline = timeline;
        this.process = process;
        this.idempotent = idempotent;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.created = meters.counter("enrollflow.leads", "outcome", "created");
        this.repeated = meters.counter("enrollflow.leads", "outcome", "repeat_enquiry");
    }

    /** The answer, and whether it is a replay of an earlier request with the same idempotency key. */
    public record Answer(LeadIntakeResult result, boolean replayed) {
    }

    /**
     * Receives a lead. With an idempotency key (scope + key), a retry with the same body gets the first
     * answer and creates nothing; the same key with a different body is refused (422).
     */
    public Answer receive(LeadRequest request, String receivedBy, String scope, String key) {
        return receive(request, receivedBy, scope, key, false);
    }

    /**
     * As {@link #receive(LeadRequest, String, String, String)}; {@code whileOpen}: the first answer is replayed only
     * while one of the opportunities it named is still open. A lead list's row imported again after its lead was
     * closed (无效, 流失) is the family enquiring again, not a retry: it gets a new opportunity, as the API would give.
     */
    public Answer receive(LeadRequest request, String receivedBy, String scope, String key, boolean whileOpen) {
        ValidLead lead = validator.validate(request);
        String hash = key == null ? null : IdempotentRequests.sha256(canonical(lead));
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> {
                    plans.inThisTransaction();
                    if (key != null) {
                        Optional<IdempotentRequests.Stored> stored = idempotent.find(scope, key);
                        if (stored.isPresent()) {
                            Answer first = replay(stored.get(), hash);
                            if (!whileOpen || stillOpen(first.result())) {
                                return first;
                            }
                            idempotent.forget(scope, key);
                        }
                    }
                    LeadIntakeResult result = intake(lead, receivedBy);
                    if (key != null) {
                        idempotent.save(scope, key, hash, 201, write(result));
                    }
                    return new Answer(result, false);
                });
            } catch (DataIntegrityViolationException | ConcurrencyFailureException race) {
                if (attempt == MAX_ATTEMPTS) {
                    throw race;
                }
                log.debug("lead intake for {} lost a race (attempt {}), running again", lead.phone(), attempt, race);
                pause(attempt);
            }
        }
    }

    private LeadIntakeResult intake(ValidLead lead, String receivedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Customer> known = customers.lockByPhone(lead.phone());
        long customerId = known.map(Customer::id)
                .orElseGet(() -> customers.insert(lead.name(), lead.phone(), lead.email(), lead.studentBirthDate(), now));
        // only for a customer the receiver may see: anyone could otherwise give another campus's family an e-mail
        // of theirs and read its mails (reminders, confirmations, the survey's link); it stays on the enquiry
        known.filter(c -> records.visible(c.id())).ifPresent(c -> {
            customers.addMissingEmail(c.id(), lead.email(), now);
            customers.addMissingBirthDate(c.id(), lead.studentBirthDate(), now);
        });

        List<Opportunity> open = opportunities.findOpenByCustomer(customerId);
        if (!open.isEmpty()) {
            Opportunity owner = ownerOfRepeat(open, lead);
            long enquiryId = enquiries.insert(customerId, owner.id(), true, lead, receivedBy, now);
            if (lead.linkedReferrer() != null) {
                referrals.link(customerId, owner.id(), lead.linkedReferrer(), receivedBy, now);
            }
            timeline.add(customerId, owner.id(), TimelineEvent.REPEAT_ENQUIRY, receivedBy,
                    lead.channel().label() + (lead.notes() == null ? "" : "：" + lead.notes()), now);
            process.repeatEnquiry(owner.id(), enquiryId);
            repeated.increment();
            return repeatAnswer(customerId, open, owner);
        }

        String campus = campusOf(lead, receivedBy);
        long opportunityId = opportunities.insert(new NewOpportunity(customerId, lead.channel().name(),
                lead.campaign(), campus, name(lead.productLine()), name(lead.grade()), name(lead.subject()),
                lead.goal(), firstContactGroup(lead.channel()), now,
                campus == null ? scope.intakeCallCentre(receivedBy) : null));
        enquiries.insert(customerId, opportunityId, false, lead, receivedBy, now);
        timeline.add(customerId, opportunityId, TimelineEvent.LEAD_RECEIVED, receivedBy,
                lead.channel().label() + (lead.campaign() == null ? "" : "（" + lead.campaign() + "）"), now);
        if (lead.linkedReferrer() != null) {
            referrals.link(customerId, opportunityId, lead.linkedReferrer(), receivedBy, now);
        }
        String processInstanceId = process.start(opportunityId);
        opportunities.setProcessInstance(opportunityId, processInstanceId);
        created.increment();
        return new LeadIntakeResult(customerId, false,
                List.of(new LeadIntakeResult.OpportunityRef(opportunityId, processInstanceId)), List.of(),
                "consultant".equals(firstContactGroup(lead.channel())) ? "本校区课程顾问" : "呼叫中心");
    }

    /**
     * One customer, one owner across campuses (撞单): the receiver sees the open opportunities of the campuses they
     * work for; of the others only that the customer is already followed, by whom and where.
     */
    private LeadIntakeResult repeatAnswer(long customerId, List<Opportunity> open, Opportunity owner) {
        Scope receiver = scope.current();
        List<LeadIntakeResult.OpportunityRef> visible = open.stream()
                .filter(o -> receiver.sees(o.campusCode(), o.callCentre()))
                .map(o -> new LeadIntakeResult.OpportunityRef(o.id(), o.processInstanceId())).toList();
        List<LeadIntakeResult.FollowedElsewhere> elsewhere = open.stream()
                .filter(o -> !receiver.sees(o.campusCode(), o.callCentre()))
                .map(this::followedElsewhere).toList();
        // who takes the repeat (跟进客户再次咨询): its owner, else the group its tasks wait in; told only when visible
        String takenBy = !receiver.sees(owner.campusCode(), owner.callCentre()) ? null
                : owner.ownerUser() != null ? staff.displayName(owner.ownerUser())
                : StaffRole.labelOf(owner.ownerGroup()) + "（尚未分配到人）";
        return new LeadIntakeResult(visible.isEmpty() ? null : customerId, true, visible, elsewhere, takenBy);
    }

    /** 已有人跟进 at a campus the receiver does not serve: the owner by name, else the group and what it waits for. */
    private LeadIntakeResult.FollowedElsewhere followedElsewhere(Opportunity o) {
        String campusName = o.campusCode() == null ? "尚未确定校区"
                : campuses.findActive(o.campusCode()).map(Campus::name).orElse(o.campusCode());
        if (o.ownerUser() != null) {
            return new LeadIntakeResult.FollowedElsewhere(staff.displayName(o.ownerUser()), null, o.campusCode(),
                    campusName);
        }
        boolean callCentre = "callCenter".equals(o.ownerGroup());
        return new LeadIntakeResult.FollowedElsewhere(callCentre ? "呼叫中心" : "销售团队",
                callCentre ? "首次联系中" : "分配中", o.campusCode(), campusName);
    }

    /**
     * The campus the lead belongs to: as given; a walk-in (到店) without one is at the receiver's campus, which must
     * be unambiguous, because a consultant there meets the family at once.
     */
    private String campusOf(ValidLead lead, String receivedBy) {
        if (lead.campus() != null || lead.channel() != Channel.WALK_IN) {
            return lead.campus();
        }
        Scope receiver = scope.current();
        if (!receiver.all() && receiver.campuses().size() == 1) {
            return receiver.campuses().iterator().next();
        }
        throw new InvalidInputException("campus", "到店咨询须填写校区（客户所在的校区）");
    }

    /** Walk-ins are met by a consultant at the desk; every other channel by the call centre. */
    static String firstContactGroup(Channel channel) {
        return channel == Channel.WALK_IN ? "consultant" : "callCenter";
    }

    /** The repeated enquiry goes to the open opportunity of the product line asked about, else the oldest. */
    private static Opportunity ownerOfRepeat(List<Opportunity> open, ValidLead lead) {
        return open.stream()
                .filter(o -> lead.productLine() != null && lead.productLine().name().equals(o.productLine()))
                .findFirst()
                .orElseGet(() -> open.stream().min(Comparator.comparing(Opportunity::id)).orElseThrow());
    }

    /** One of the opportunities an earlier answer named is open still. */
    private boolean stillOpen(LeadIntakeResult first) {
        Set<Long> named = first.opportunities().stream().map(LeadIntakeResult.OpportunityRef::opportunityId)
                .collect(Collectors.toSet());
        return opportunities.findOpenByCustomer(first.customerId()).stream().anyMatch(o -> named.contains(o.id()));
    }

    private Answer replay(IdempotentRequests.Stored stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new ConflictException(422, "Idempotency-Key 已用于另一个不同内容的请求");
        }
        try {
            return new Answer(json.readValue(stored.body(), LeadIntakeResult.class), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answer unreadable", e);
        }
    }

    private String write(LeadIntakeResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as validated, so that "138-0013-8000" and "13800138000" count as the same body. */
    private String canonical(ValidLead lead) {
        try {
            return json.writeValueAsString(lead.withoutRawPhone());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jittered exponential back-off (10 ms, 20 ms, … capped at 320 ms) so that racing requests spread out. */
    private static void pause(int attempt) {
        long base = 10L << Math.min(attempt - 1, 5);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
