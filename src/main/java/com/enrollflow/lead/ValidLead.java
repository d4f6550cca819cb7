package com.enrollflow.lead;

import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.referral.Referrals;

/** A lead that passed every check: the phone is normalised, every code is known, a named referrer is found. */
record ValidLead(
        String name,
        String phone,
        String phoneAsGiven,
        Channel channel,
        String email,
        String campus,
        ProductLine productLine,
        Grade grade,
        Subject subject,
        String goal,
        String campaign,
        String referrer,
        String notes,
        java.time.LocalDate studentBirthDate,
        Referrals.Referrer linkedReferrer) {

    /** The same lead without the phone as typed: two spellings of one number are one request. */
    ValidLead withoutRawPhone() {
        return new ValidLead(name, phone, null, channel, email, campus, productLine, grade, subject, goal, campaign,
                referrer, notes, studentBirthDate, linkedReferrer);
    }
}
