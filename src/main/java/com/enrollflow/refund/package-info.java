/**
 * Refunds (退费). This session: the amount, computed and never typed (退费试算): paid − value consumed − the fees the
 * policy names, per the after-sales issue's rules. The refund process with its approval gate is not built yet.
 */
package com.enrollflow.refund;
