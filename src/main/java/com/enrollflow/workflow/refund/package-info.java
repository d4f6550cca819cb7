/** The engine side of refunds (退费): the fee table (refund-fees.dmn). */
package com.enrollflow.workflow.refund;
