package com.enrollflow.contract;

import java.math.BigDecimal;

/**
 * One line of a contract's hours ledger (课时台账): the lessons bought, gifted, consumed, rebooked, transferred and
 * refunded, and what remains. {@code finalAmount} is the line's share of the contract's final price.
 */
public record HoursLine(int lineNo, String kind, String kindLabel, String description, int purchased, int gifted,
        int consumed, int rebooked, int transferredIn, int transferredOut, int refunded, int remaining,
        BigDecimal finalAmount) {
}
