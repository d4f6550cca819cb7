package com.enrollflow.scheduling;

import java.util.stream.Collectors;

import com.enrollflow.reference.BusinessTime;

/** A schedule proposal in the words staff and families read: in Tasklist, in mails and on the timeline. */
public final class ProposalText {

    private ProposalText() {
    }

    /**
     * 第3次 2026-12-05（周六）09:00–10:00 张老师 一对一教室1: one line of a proposal, with its weekday, so that 确认排课
     * reads against the family's times (周六 09:00) and a holiday or a school day stands out.
     */
    public static String lesson(ScheduledLesson l) {
        return "第" + l.seq() + "次 " + span(l) + " " + l.teacherName() + " " + l.roomName();
    }

    /** Every lesson, one per line. */
    public static String summary(Proposal p) {
        return p.lessons().stream().map(ProposalText::lesson).collect(Collectors.joining("\n"));
    }

    /** 首次课 2026-12-07（周一）17:30–18:30，郑凯，一对一教室1: the first lesson as a family is told it. */
    public static String firstLesson(Proposal p) {
        return "首次课 " + when(p.lessons().get(0));
    }

    /** 2026-12-07（周一）17:30–18:30，郑凯，一对一教室1: one lesson as a family is told it (调课, the first lesson). */
    public static String when(ScheduledLesson l) {
        return span(l) + "，" + l.teacherName() + "，" + l.roomName();
    }

    /** 2026-12-07（周一）17:30–18:30: the lesson's day, weekday and hours in Beijing time. */
    private static String span(ScheduledLesson l) {
        var starts = l.startsAt().atZoneSameInstant(BusinessTime.ZONE);
        var ends = l.endsAt().atZoneSameInstant(BusinessTime.ZONE);
        return PreferredTimes.shown(starts.toLocalDate()) + starts.toLocalTime() + "–" + ends.toLocalTime();
    }

    /** 共 40 次课，首课 2026-12-05 09:00 */
    public static String confirmed(Proposal p) {
        return "共 " + p.lessons().size() + " 次课，首课 " + BusinessTime.shown(p.lessons().get(0).startsAt());
    }
}
