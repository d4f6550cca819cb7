/**
 * 续费 (renewal): when a contract's hours run low (renewal-policy.dmn) or a family asks, a renewal conversation starts
 * for the family's consultant, or the campus's customer service when the consultant has left. A renewal is sold as an
 * opportunity of its own, so plan, discount approval, contract, payment, credit and schedule are the first sale's;
 * the regulation on prepaid fees bounds when it may be collected. Renewals are reported on their own, never in the
 * new-lead funnel.
 */
package com.enrollflow.renewal;
