package com.enrollflow.customer;

/** Kinds of timeline entries, with the Chinese text staff read. */
public enum TimelineEvent {
    LEAD_RECEIVED("收到线索"),
    REPEAT_ENQUIRY("客户再次咨询"),
    REPEAT_ENQUIRY_HANDLED("已跟进再次咨询"),
    CONTACT_FAILED("联系未接通"),
    MARKED_VALID("信息有效"),
    CLOSED_INVALID("关闭：无效线索"),
    CLOSED_NOT_CONVERTED("关闭：无意向"),
    INTENT_CONFIRMED("意向已确认"),
    SPLIT("拆分商机"),
    ASSIGNED("分配给课程顾问"),
    ROUTED("分配到销售团队"),
    TEAM_POOL("放入团队池"),
    PUBLIC_POOL("移入公海"),
    CLAIMED("领取商机"),
    FIRST_CONTACT("首次联系"),
    RECYCLE_WARNING("回收预警"),
    RECYCLED("商机被回收"),
    RETURNED("退回商机"),
    HANDED_OVER("转交商机"),
    RECYCLE_EXEMPT("免回收设置"),
    CLOSED_LOST("关闭：已流失"),
    AGREED_TO_VISIT("同意到访"),
    VISIT_BOOKED("预约到访"),
    VISITED("已到访"),
    NO_SHOW("未到访"),
    PLACEMENT_TESTED("入学测试"),
    PLAN_MADE("方案与报价"),
    APPROVAL_REQUESTED("提交优惠审批"),
    DISCOUNT_APPROVED("优惠审批通过"),
    DISCOUNT_REJECTED("优惠审批驳回"),
    CONTRACT_ISSUED("合同已生成"),
    CONTRACT_CANCELLED("合同已作废"),
    PAYMENT_RECORDED("收款待确认"),
    PAYMENT_RECEIVED("已收款"),
    PAYMENT_REJECTED("收款未确认"),
    PAID("成单缴费"),
    SCHEDULED("已排课"),
    INSTALLMENT_OVERDUE("分期款逾期"),
    INSTALLMENT_CHASED("催缴分期款"),
    ENROLLED("报名完成"),
    LESSON_REBOOKED("已安排补课"),
    LESSON_NOT_REBOOKED("不安排补课"),
    REFUND_REQUESTED("申请退费"),
    REFUND_APPROVED("退费已批准"),
    REFUND_REJECTED("退费被驳回"),
    REFUND_PAID("退费已退款"),
    REFUND_URGED("督办退款"),
    REFUND_CANCELLED("撤销退费"),
    WITHDRAWN("退学"),
    SUSPENDED("停课"),
    RESUMED("复课"),
    TRANSFERRED("转课"),
    TEACHER_CHANGED("更换教师"),
    SURVEY_SENT("发送满意度问卷"),
    SURVEY_ANSWERED("满意度评价"),
    SURVEY_CARE_CALL("满意度回访"),
    CARE_CALL("关怀回访"),
    CARE_GREETING("关怀问候"),
    COMPLAINT_FILED("投诉登记"),
    COMPLAINT_ESCALATED("投诉升级"),
    COMPLAINT_RESOLVED("投诉已处理"),
    COMPLAINT_CLOSED("投诉回访结案"),
    REFERRED("转介绍登记"),
    REFERRAL_REWARD_GRANTED("转介绍奖励已发放"),
    REFERRAL_REWARD_REJECTED("转介绍奖励未批准");

    private final String label;

    TimelineEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
