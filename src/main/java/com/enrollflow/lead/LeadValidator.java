package com.enrollflow.lead;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

import com.enrollflow.common.InputRules;
import com.enrollflow.customer.BirthDates;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.referral.Referrals;

/**
 * Checks a lead field by field and reports every problem at once; nothing is stored before it passes. Codes are
 * taken as codes or as the Chinese words staff use (电话接访, 北京海淀校区, 一对一, 初二, 数学) and stored as codes. A referral
 * (转介绍) names its referrer by phone or by name, found among the customers of the caller's campuses.
 */
@Component
class LeadValidator {

    /** The longest campaign name (活动) a lead takes. */
    static final int CAMPAIGN_MAX = 64;


    private final PhoneNumbers phones;
    private final Campuses campuses;
    private final CampusScope scope;

    private final Referrals referrals;
    private final Clock clock;

    LeadValidator(PhoneNumbers phones, Campuses campuses, CampusScope scope, Referrals referrals, Clock clock) {
        this.clock = clock;
        this.scope = scope;
        this.referrals = referrals;
        this.phones = phones;
        this.campuses = campuses;
    }

    ValidLead validate(LeadRequest r) {
        InputRules rules = new InputRules();
        String name = rules.name("name", r.name(), 64, true);
        String rawPhone = rules.required("phone", r.phone(), 40);
        String phone = null;
        if (rawPhone != null) {
            phone = phones.normalise(rawPhone).orElse(null);
            if (phone == null) {
                rules.problem("phone", "不是有效的电话号码：“" + InputRules.abbreviate(rawPhone) + "”");
            }
        }
        Channel channel = rules.code("channel", r.channel(), Channel.class, true);
        String email = rules.email("email", r.email());
        Campuses.Match campusMatch = campuses.find(r.campus());
        String campus = campusMatch.code().orElse(null);
        if (r.campus() != null && !r.campus().isBlank() && !campusMatch.found()) {
            rules.problem("campus", campusMatch.problem());
        } else if (campus != null && !scope.current().seesCampus(campus)) {
            rules.problem("campus", "您不负责“" + campusMatch.campus().name() + "”，不能为该校区登记线索");
        }
        ProductLine productLine = rules.code("productLine", r.productLine(), ProductLine.class, false);
        Grade grade = rules.code("grade", r.grade(), Grade.class, false);
        Subject subject = rules.code("subject", r.subject(), Subject.class, false);
        String goal = rules.optional("goal", r.goal(), 500);
        String campaign = rules.plainText("campaign", r.campaign(), CAMPAIGN_MAX, false);
        String referrer = rules.plainText("referrer", r.referrer(), 64, false);
        String notes = rules.optional("notes", r.notes(), 2000);
        String referrerPhone = rules.optional("referrerPhone", r.referrerPhone(), 40);
        LocalDate birthDate = BirthDates.parse(rules, "studentBirthDate", r.studentBirthDate(),
                LocalDate.now(clock.withZone(BusinessTime.ZONE)));
        Referrals.Referrer linked = null;
        if (referrerPhone != null && channel != null && channel != Channel.REFERRAL) {
            rules.problem("referrerPhone", "只有来源渠道为“转介绍”时才填写介绍人手机号");
        } else if (channel == Channel.REFERRAL) {
            linked = referrals.find(referrerPhone, referrer, rules).orElse(null);
        }
        rules.throwIfAny();
        return new ValidLead(name, phone, rawPhone, channel, email, campus, productLine, grade, subject, goal,
                campaign, referrer == null && linked != null ? linked.name() : referrer, notes, birthDate, linked);
    }
}
