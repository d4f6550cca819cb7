package com.enrollflow.payment;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** How the family paid; phone and bank transfer wait for finance to confirm the money arrived. */
@CodeName("付款方式")
public enum PaymentMethod implements Coded {
    CASH("现金", false, "现金支付"),
    CARD("银行卡", false, "刷卡", "银联", "POS"),
    WECHAT("微信扫码", false, "微信", "微信支付"),
    ALIPAY("支付宝扫码", false, "支付宝", "支付宝支付"),
    ONLINE("线上支付", false, "在线支付", "网上支付"),
    PHONE("电话支付", true, "电话付款", "电话支付（待财务确认）"),
    BANK_TRANSFER("银行转账", true, "转账", "对公转账", "银行汇款", "汇款", "银行转账（待财务确认）");

    private final String label;
    private final List<String> aliases;
    private final boolean needsConfirmation;

    PaymentMethod(String label, boolean needsConfirmation, String... aliases) {
        this.aliases = List.of(aliases);
        this.label = label;
        this.needsConfirmation = needsConfirmation;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    public boolean needsConfirmation() {
        return needsConfirmation;
    }
}
