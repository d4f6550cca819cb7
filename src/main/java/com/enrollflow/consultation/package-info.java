/**
 * Consultation (高端方案规划): the visit the owner books and the front desk records, and the placement test a teacher
 * records. Pricing the plan is the pricing module's job; this module writes the funnel stages 同意到访 and 实际到访.
 */
package com.enrollflow.consultation;
