/**
 * Discount approval (优惠审批): which levels a quote needs (decided by the DMN table discount-approval-levels), the
 * decisions taken level by level, and the guard every contract passes: no contract for a quote whose required
 * approvals are missing, whatever API is called.
 */
package com.enrollflow.approval;
