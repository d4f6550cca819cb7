/**
 * Sales credit (业绩): a paid sale split among the staff who worked it, by the policy the institution chose in the
 * DMN table credit-policy (首单 first-touch, 尾单 last-touch, 均单 even split). Recorded once, at payment.
 */
package com.enrollflow.credit;
