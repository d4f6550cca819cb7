package com.enrollflow.payment;

import com.enrollflow.reference.Coded;

/** How the family paid; phone and bank transfer wait for finance to confirm the money arrived. */
public enum PaymentMethod implements Coded {
    CASH("现金", false),
    CARD("银行卡", false),
    WECHAT("微信扫码", false),
    ALIPAY("支付宝扫码", false),
    ONLINE("线上支付", false),
    PHONE("电话支付", true),
    BANK_TRANSFER("银行转账", true);

    private final String label;
    private final boolean needsConfirmation;

    PaymentMethod(String label, boolean needsConfirmation) {
        this.label = label;
        this.needsConfirmation = needsConfirmation;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean needsConfirmation() {
        return needsConfirmation;
    }
}
