package com.enrollflow.transfer;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A transfer as it was asked and computed, of 1:1 lessons to another course (转课, kind LESSONS) or of a class's
 * lessons to another class (转班, kind CLASS, decision 550; no teacher level, the classes named): the lessons moved,
 * what they were worth on their old lines ({@code valueOut}), what they cost in the new course today
 * ({@code valueIn}), the difference (&gt; 0 the family pays, &lt; 0 in its favour) and, in its favour, how much of
 * it the family has actually paid ({@code refundable}). {@code settlement} is what the policy made of the difference;
 * {@code installmentSeq} or {@code refundNo} where it led.
 */
public record Transfer(long id, String transferNo, Kind kind, String kindLabel, long contractId, long opportunityId,
        String campusCode, String fromCourse, Subject toSubject, String toSubjectLabel, TeacherLevel toTeacherLevel,
        String toTeacherLevelLabel, String fromClassCode, String toClassCode, int lessons, BigDecimal valueOut,
        BigDecimal unitPrice, BigDecimal valueIn, BigDecimal difference, BigDecimal refundable,
        boolean familyAsksRefund, int toLineNo, int lessonsCancelled, int lessonsToSchedule, String computation,
        Settlement settlement, String settlementLabel, Integer installmentSeq, String refundNo, String status,
        String reason, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime completedAt) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    /**
     * The status as staff read it, beside the code as the other after-sales records give it: 办理中 until the new
     * schedule is confirmed and the difference settled, then 已完成.
     */
    @JsonProperty("statusLabel")
    public String statusLabel() {
        return COMPLETED.equals(status) ? "已完成" : "办理中（待确认新课表与差价）";
    }

    /** 转课 or 转班. */
    public enum Kind {
        LESSONS("转课"),
        CLASS("转班");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What becomes of the difference (差价处理). */
    public enum Settlement {
        TOP_UP("补缴差价"),
        REFUND("退还差价（经退费审批）"),
        BALANCE("差价留作账户余额"),
        NONE("无差价");

        private final String label;

        Settlement(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "ZK000012": never equal to an opportunity id. */
    static String number(long id) {
        return String.format("ZK%06d", id);
    }
}
