package com.enrollflow.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Amounts in CNY as staff and families read them: contracts, receipts, quotes and payment summaries. */
public final class Money {

    private Money() {
    }

    /** "¥12,345.00": yuan with thousands separators and two decimals, whatever the server's locale. */
    public static String yuan(BigDecimal amount) {
        if (amount == null) {
            return "－";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        String digits = format.format(amount.abs().setScale(2, RoundingMode.HALF_UP));
        return (amount.signum() < 0 ? "－¥" : "¥") + digits;
    }
}
