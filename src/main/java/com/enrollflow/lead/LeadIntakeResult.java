package com.enrollflow.lead;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The answer to a lead: the customer, whether we knew them already, and their open opportunities. When the customer
 * is already followed at a campus the receiver does not work for (one customer, one owner, across campuses), the
 * receiver learns only that, by whom and where ({@code followedElsewhere}): no customer id, no opportunity ids.
 * {@code takenBy}: who takes the enquiry now, as the receiver may read it (李伟（liwei）, 呼叫中心, 本校区课程顾问; null
 * for a repeat followed at a campus the receiver does not serve): what Tasklist tells the starter of 登记客户咨询, not
 * part of /api/leads' answer.
 */
public record LeadIntakeResult(Long customerId, boolean duplicate, List<OpportunityRef> opportunities,
        List<FollowedElsewhere> followedElsewhere, @JsonIgnore String takenBy) {

    public LeadIntakeResult(Long customerId, boolean duplicate, List<OpportunityRef> opportunities) {
        this(customerId, duplicate, opportunities, List.of(), null);
    }

    public LeadIntakeResult {
        followedElsewhere = followedElsewhere == null ? List.of() : List.copyOf(followedElsewhere);
    }

    public record OpportunityRef(long opportunityId, String processInstanceId) {
    }

    /**
     * 已有人跟进: the owner's name, or the group the opportunity waits in (呼叫中心, 销售团队) with what it waits for
     * ({@code stage}: 首次联系中, 分配中; null once a person owns it), and the campus (尚未确定校区 before intent),
     * nothing else.
     */
    public record FollowedElsewhere(String followedBy, String stage, String campus, String campusName) {

        /** As staff read it: 王芳（北京海淀校区）, 呼叫中心（首次联系中，尚未确定校区）. */
        public String told() {
            return followedBy + "（" + (stage == null ? "" : stage + "，") + campusName + "）";
        }
    }
}
