package com.enrollflow.refund;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;
import com.enrollflow.payment.PaymentMethod;

/**
 * How money goes back (退款渠道): the way it came in. Online payments through the gateway's refund call; where no
 * gateway is configured, and for desk terminals (card, WeChat, Alipay), finance refunds in the gateway's or
 * terminal's console and records its refund number; cash at the desk; phone and bank payments by bank transfer to
 * the family's account.
 */
@CodeName("退款渠道")
public enum PayoutChannel implements Coded {
    GATEWAY("支付平台原路退回"),
    GATEWAY_CONSOLE("支付平台/终端后台退款"),
    CASH("前台现金退款"),
    BANK_TRANSFER("银行转账退款");

    private final String label;

    PayoutChannel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return List.of();
    }

    /** The channel a payment made by {@code method} goes back by. */
    public static PayoutChannel of(PaymentMethod method, boolean gatewayConfigured) {
        return switch (method) {
            case ONLINE -> gatewayConfigured ? GATEWAY : GATEWAY_CONSOLE;
            case CARD, WECHAT, ALIPAY -> GATEWAY_CONSOLE;
            case CASH -> CASH;
            case PHONE, BANK_TRANSFER -> BANK_TRANSFER;
        };
    }

    /** What finance types as the voucher, as the form and the errors name it. */
    public String voucherName() {
        return switch (this) {
            case GATEWAY, GATEWAY_CONSOLE -> "退款单号";
            case CASH -> "现金退款凭证号";
            case BANK_TRANSFER -> "银行转账流水号";
        };
    }
}
