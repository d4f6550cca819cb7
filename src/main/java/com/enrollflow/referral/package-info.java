/**
 * 转介绍 (referral): a lead names the customer who referred the family (found by phone, or by a name only one customer
 * of the caller's campuses has) and is linked to that customer record; when the referred family's first contract is
 * paid, the referrer earns the reward the policy table referral-reward.dmn names — gifted lessons on their newest
 * contract in force, or a voucher — once, whatever reruns. The engine side is in {@code workflow.referral}.
 */
package com.enrollflow.referral;
