/**
 * Refunds (退费): the amount, computed and never typed (退费试算: paid − value consumed − the fees the policy names);
 * the request (one open per contract), its approval gate (levels by refund-approval-levels.dmn), the payout through
 * the channels the money came in by, and its effects on lessons, hours, contract and credit.
 */
package com.enrollflow.refund;
