package com.enrollflow.renewal;

import org.springframework.stereotype.Service;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.opportunity.Families;
import com.enrollflow.reference.Campus;

/**
 * 续费沟通 not done within its three days (decision 542): the campus's sales supervisors get a mail naming the family,
 * the contract and who holds the talk, once per talk. The talk stays where it is: the supervisor follows up.
 */
@Service
public class RenewalOverdue {

    private final Renewals renewals;
    private final Families families;
    private final StaffContacts contacts;
    private final StaffDirectory staff;
    private final NotificationService notifications;

    RenewalOverdue(Renewals renewals, Families families, StaffContacts contacts, StaffDirectory staff,
            NotificationService notifications) {
        this.renewals = renewals;
        this.families = families;
        this.contacts = contacts;
        this.staff = staff;
        this.notifications = notifications;
    }

    /**
     * Mails the campus's sales supervisors; {@code holder} is who the talk is assigned to (null: waiting for the
     * campus's customer service), {@code once} what makes a rerun send nothing twice (the talk's task).
     */
    public void remind(long renewalId, String holder, String once) {
        Renewal r = renewals.get(renewalId);
        if (!r.status().open()) {
            return;
        }
        String family = families.of(r.opportunityId()).name();
        String who = holder == null ? "本校区客服（尚无人领取）" : staff.displayName(holder);
        for (StaffContacts.Contact supervisor : contacts.ofRoleAtCampus("salesSupervisor",
                Campus.tenantId(r.campusCode()))) {
            notifications.enqueue(r.opportunityId(), "renewal-overdue:" + once + ":" + supervisor.userId(),
                    "RENEWAL_OVERDUE", supervisor.email(), "【续费逾期】" + family + " 的续费沟通已超过 3 天未完成",
                    r.renewalNo() + "：合同 " + r.contractNo() + "，" + r.triggerLabel() + "，发起时剩余 "
                            + r.remainingAtStart() + " 课时。\n续费沟通由 " + who + " 负责，3 天内未记录家长的答复，"
                            + "请督促跟进。\n");
        }
    }
}
