package com.enrollflow.reference;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Where a lead came from (线索来源渠道), the channels of DOMAIN.md. */
@CodeName("渠道")
public enum Channel implements Coded {
    PHONE("电话接访", "电话", "来电", "电话咨询", "热线"),
    ONLINE_CHAT("在线接访", "在线咨询", "在线客服", "网络咨询"),
    WEB_FORM("在线自主留存", "自主留存", "网站留资", "官网留言", "网页表单"),
    WALK_IN("直访", "上门", "来访", "直接到访"),
    CAMPAIGN("市场活动", "活动", "地推"),
    PARTNER("渠道合作", "合作渠道", "渠道"),
    REFERRAL("转介绍", "老带新", "推荐"),
    TRANSFER("其他业务部门转入", "部门转入", "内部转入");

    private final String label;
    private final List<String> aliases;

    Channel(String label, String... aliases) {
        this.label = label;
        this.aliases = List.of(aliases);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
