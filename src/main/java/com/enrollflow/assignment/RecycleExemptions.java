package com.enrollflow.assignment;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InputRules;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.reference.ProductLine;

/**
 * 商机免回收 as a sales supervisor asks for it in Tasklist (锁定/VIP): the family named by its phone, the opportunity by
 * its product line when the family has more than one in progress, then {@link AssignmentService#setRecycleExempt},
 * the rule of PUT /api/opportunities/{id}/recycle-exempt. Only the opportunities of the caller's campuses are found.
 */
@Service
public class RecycleExemptions {

    /** The fields of the start form recycle-exemption, which the problems name. */
    public static final String PHONE = "phone";
    public static final String PRODUCT_LINE = "productLine";
    public static final String ACTION = "action";
    public static final String REASON = "reason";

    /** What the form sends: the phone as typed, the product line's code (or empty), EXEMPT or LIFT, the reason. */
    public record Asked(String phone, String productLine, String action, String reason) {
    }

    /** The opportunity changed, its campus (where the form is filed) and what the supervisor is told. */
    public record Changed(long opportunityId, String campusCode, String told) {
    }

    private final CustomerRecords customers;
    private final AssignmentService assignments;
    private final StaffDirectory staff;

    RecycleExemptions(CustomerRecords customers, AssignmentService assignments, StaffDirectory staff) {
        this.customers = customers;
        this.assignments = assignments;
        this.staff = staff;
    }

    /**
     * Every field is checked at once, each problem under its field: a phone that is none or no family of the caller's
     * campuses, a family without an opportunity in progress, several without the product line, no action, no reason
     * for 设为免回收, lifting a lock there is none of. Nothing is changed then.
     */
    @Transactional
    public Changed change(Asked a, String by) {
        InputRules rules = new InputRules();
        Optional<Customer> family = customers.byPhoneTyped(rules, PHONE, a.phone());
        ProductLine line = rules.code(PRODUCT_LINE, a.productLine(), ProductLine.class, false);
        String action = rules.required(ACTION, a.action(), 10);
        if (action != null && !action.equals("EXEMPT") && !action.equals("LIFT")) {
            rules.problem(ACTION, "须为“设为免回收”或“取消免回收”");
            action = null;
        }
        boolean exempt = "EXEMPT".equals(action);
        String reason = exempt ? rules.required(REASON, a.reason(), 200) : rules.optional(REASON, a.reason(), 200);
        CustomerRecords.OpportunityView o = family.map(f -> opportunity(rules, f, line)).orElse(null);
        if (o != null && "LIFT".equals(action) && !o.recycleExempt()) {
            rules.problem(ACTION, "商机 " + o.id() + " 现在不是免回收，无需取消");
        }
        rules.throwIfAny();
        assignments.setRecycleExempt(o.id(), exempt, reason, by);
        String which = "商机 " + o.id() + "（" + family.get().name() + "，" + label(o.productLine()) + "，"
                + (o.ownerUser() == null ? "尚无负责人" : "负责人 " + staff.displayName(o.ownerUser())) + "）";
        return new Changed(o.id(), o.campus(), exempt
                ? which + "已设为免回收：到期不再被回收，负责人照常跟进；原因：" + reason
                : which + "已取消免回收：之后按时限照常回收");
    }

    /** The family's opportunity in progress of that product line; null (a problem) when none or not one. */
    private CustomerRecords.OpportunityView opportunity(InputRules rules, Customer f, ProductLine line) {
        List<CustomerRecords.OpportunityView> open = customers.visibleOpportunities(f.id()).stream()
                .filter(o -> OpportunityStatus.OPEN.name().equals(o.status()))
                .filter(o -> line == null || line.name().equals(o.productLine())).toList();
        if (open.size() == 1) {
            return open.get(0);
        }
        if (open.isEmpty()) {
            rules.problem(line == null ? PHONE : PRODUCT_LINE, f.name() + "在您负责的校区没有" + (line == null ? ""
                    : line.label()) + "跟进中的商机（已成单、已关闭的商机不会被回收）");
        } else {
            rules.problem(PRODUCT_LINE, f.name() + "有 " + open.size() + " 个跟进中的商机（" + open.stream()
                    .map(o -> label(o.productLine())).collect(Collectors.joining("、")) + "），请选择产品线");
        }
        return null;
    }

    private static String label(String productLine) {
        return Coded.parse(ProductLine.class, productLine).map(ProductLine::label).orElse("未定产品线");
    }
}
