package com.enrollflow.assignment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;

/**
 * 离职转交's mails (decision 544): each receiver learns what they now hold and from whom — a lead waiting on a timer, a
 * postponed renewal or a chase whose due day is still to come shows in nobody's Tasklist yet. Written in the
 * hand-over's transaction: a hand-over refused sends nothing, one that moved nothing neither.
 */
@Component
class HandOverNotices {

    private final StaffContacts contacts;
    private final StaffDirectory staff;
    private final NotificationService notifications;

    HandOverNotices(StaffContacts contacts, StaffDirectory staff, NotificationService notifications) {
        this.contacts = contacts;
        this.staff = staff;
        this.notifications = notifications;
    }

    void send(Team team, String from, MemberStatus status, List<TeamAdministration.Moved> moved, String actor) {
        Map<String, List<TeamAdministration.Moved>> byReceiver = new LinkedHashMap<>();
        moved.stream().filter(m -> m.to() != null)
                .forEach(m -> byReceiver.computeIfAbsent(m.to(), k -> new ArrayList<>()).add(m));
        String handOver = UUID.randomUUID().toString();
        byReceiver.forEach((to, theirs) -> {
            List<String> lines = new ArrayList<>();
            for (TeamAdministration.Moved m : theirs) {
                lines.add("- " + (TeamAdministration.Moved.OPPORTUNITY.equals(m.work()) ? "商机 " + m.opportunityId()
                        : m.work() + "（商机 " + m.opportunityId() + "）"));
            }
            notifications.enqueue("hand-over:" + handOver + ":" + to, "HAND_OVER",
                    contacts.user(to).map(StaffContacts.Contact::email).orElse(null),
                    "【工作转交】" + staff.displayName(from) + " 的 " + theirs.size() + " 项工作已转交给您",
                    staff.displayName(actor) + " 为" + team.name() + "的 " + staff.displayName(from) + " 办理了"
                            + status.label() + "转交，以下工作由您接手：\n" + String.join("\n", lines)
                            + "\n\n待办任务在 Tasklist 的“我的任务”中；等待中的跟进、续费和分期催缴到期时也会交给您。\n");
        });
    }
}
