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
 * postponed renewal or a chase whose due day is still to come shows in nobody's Tasklist yet. The one who did the
 * hand-over gets a receipt of who got what (decision 546): a Tasklist start form shows nothing once submitted, and
 * Cockpit shows no ended instance. Written in the hand-over's transaction: a hand-over refused sends nothing.
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
        byReceiver.forEach((to, theirs) -> notifications.enqueue("hand-over:" + handOver + ":" + to, "HAND_OVER",
                email(to), "【工作转交】" + staff.displayName(from) + " 的 " + theirs.size() + " 项工作已转交给您",
                staff.displayName(actor) + " 为" + team.name() + "的 " + staff.displayName(from) + " 办理了"
                        + status.label() + "转交，以下工作由您接手：\n" + lines(theirs)
                        + "\n\n待办任务在 Tasklist 的“我的任务”中；等待中的跟进、续费和分期催缴到期时也会交给您。\n"));
        List<TeamAdministration.Moved> withdrawn = moved.stream().filter(m -> m.to() == null).toList();
        StringBuilder receipt = new StringBuilder(team.name() + "的 " + staff.displayName(from) + " 已改为"
                + status.label() + "。\n\n");
        if (moved.isEmpty()) {
            receipt.append("没有需要转交的工作。\n");
        }
        byReceiver.forEach((to, theirs) -> receipt.append(staff.displayName(to)).append(" 接手 ")
                .append(theirs.size()).append(" 项：\n").append(lines(theirs)).append("\n\n"));
        if (!withdrawn.isEmpty()) {
            receipt.append("员工已离职、不再需要而取消的 ").append(withdrawn.size()).append(" 项：\n")
                    .append(String.join("\n", withdrawn.stream().map(m -> "- " + m.work().split("（", 2)[0]
                            + "（商机 " + m.opportunityId() + "）").toList())).append("\n\n");
        }
        notifications.enqueue("hand-over:" + handOver + ":receipt:" + actor, "HAND_OVER", email(actor),
                "【转交回执】" + team.name() + " " + staff.displayName(from) + " " + status.label() + "，已转交 "
                        + (moved.size() - withdrawn.size()) + " 项工作",
                receipt + (byReceiver.isEmpty() ? "" : "每位接收人已收到邮件通知。\n"));
    }

    /** What moved, per receiver, as the supervisor reads it: 陈静（chenjing）：商机 2 项、续费 1 项；辅导改进取消 1 项. */
    String summary(List<TeamAdministration.Moved> moved) {
        if (moved.isEmpty()) {
            return "没有需要转交的工作";
        }
        Map<String, Map<String, Integer>> byReceiver = new LinkedHashMap<>();
        for (TeamAdministration.Moved m : moved) {
            String kind = m.work().split("[ （]", 2)[0];
            byReceiver.computeIfAbsent(m.to() == null ? "" : staff.displayName(m.to()),
                    k -> new LinkedHashMap<>()).merge(kind, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byReceiver.forEach((receiver, kinds) -> {
            String counts = String.join("、", kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()
                    + " 项").toList());
            parts.add(receiver.isEmpty() ? counts.replace("辅导改进", "辅导改进取消") : receiver + "：" + counts);
        });
        return String.join("；", parts);
    }

    private static String lines(List<TeamAdministration.Moved> moved) {
        return String.join("\n", moved.stream().map(m -> "- " + (TeamAdministration.Moved.OPPORTUNITY.equals(
                m.work()) ? "商机 " + m.opportunityId() : m.work() + "（商机 " + m.opportunityId() + "）")).toList());
    }

    private String email(String userId) {
        return contacts.user(userId).map(StaffContacts.Contact::email).orElse(null);
    }
}
