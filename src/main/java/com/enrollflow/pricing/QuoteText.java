package com.enrollflow.pricing;

import java.util.stream.Collectors;

import com.enrollflow.common.Money;
import com.enrollflow.pricing.Quote;

/** A quote in the words staff read in Tasklist and on the timeline. */
public final class QuoteText {

    private QuoteText() {
    }

    public static String summary(Quote q) {
        String lines = q.lines().stream().map(l -> l.description()).collect(Collectors.joining("；"));
        StringBuilder s = new StringBuilder(lines).append("。原价 ").append(Money.yuan(q.listPrice()));
        if (q.standardDiscount().signum() > 0) {
            s.append("，课时包/活动优惠 ").append(Money.yuan(q.standardDiscount()));
        }
        if (q.voucherCode() != null) {
            s.append("，代金券 ").append(q.voucherCode()).append(" 抵扣 ").append(Money.yuan(q.voucherAmount()));
        }
        if (q.extraDiscount().signum() > 0) {
            s.append("，特批优惠 ").append(Money.yuan(q.extraDiscount())).append("（")
                    .append(q.discountPercent().stripTrailingZeros().toPlainString()).append("%）");
            if (q.discountReason() != null) {
                s.append("，理由：").append(q.discountReason());
            }
        }
        return s.append("。成交价 ").append(Money.yuan(q.finalPrice())).append("，共 ").append(q.lessons())
                .append(" 课时，课时单价 ").append(Money.yuan(q.unitPrice())).append("。").toString();
    }
}
