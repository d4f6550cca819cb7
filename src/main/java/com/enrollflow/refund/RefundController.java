package com.enrollflow.refund;

import java.math.BigDecimal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.teaching.HoursLedger;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** 退费试算 of a contract of the caller's campuses. */
@RestController
class RefundController {

    private final RefundQuotes quotes;
    private final ContractService contracts;
    private final CampusScope scope;

    RefundController(RefundQuotes quotes, ContractService contracts, CampusScope scope) {
        this.quotes = quotes;
        this.contracts = contracts;
        this.scope = scope;
    }

    /**
     * A refund's preview: the quote, and what approving a refund of the whole contract would no longer ask for
     * (decision 580: the unpaid installments once the first is paid; zero otherwise).
     */
    record Preview(@JsonUnwrapped RefundQuotes.RefundQuote quote, BigDecimal unpaidForgone) {
    }

    @Operation(summary = "退费试算：已缴金额 − 已消课时价值（按合同行成交价 × 已消 ÷ 购买，每行四舍五入到分）− 手续费（退费手续费规则），"
            + "不低于 0；赠送课时不退；unpaidForgone 为批准后不再收取的未缴分期款（首期已缴时）")
    @GetMapping("/api/contracts/{id}/refund-preview")
    Preview preview(@PathVariable long id,
            @Parameter(description = "退费原因：代码或中文（个人原因、教学不满意、搬家或转学、时间冲突、其他、多付款退还）")
            @RequestParam(required = false) String reason) {
        InputRules rules = new InputRules();
        RefundReason why = rules.code("reason", reason, RefundReason.class, true);
        rules.throwIfAny();
        Contract contract = visible(id);
        // 多付款退还 is refused while anything is unpaid (nothing is overpaid then): its preview forgoes nothing either
        return new Preview(quotes.quote(contract, why), quotes.unpaidToForgo(contract));
    }

    @Operation(summary = "退班试算：合同中一个班剩余的课时按成交价折算，家长已缴的部分退还（扣除手续费），未缴的部分抵减未缴分期款；"
            + "合同其他课程照常。与申请退班相同的校验")
    @GetMapping("/api/contracts/{id}/class-withdrawal-preview")
    RefundQuotes.LineRefund classWithdrawalPreview(@PathVariable long id,
            @Parameter(description = "退出班级：班级编号或名称") @RequestParam(required = false) String leaveClass,
            @Parameter(description = "退费原因：代码或中文（个人原因、教学不满意、搬家或转学、时间冲突、其他）")
            @RequestParam(required = false) String reason) {
        InputRules rules = new InputRules();
        RefundReason why = lineReason(rules, reason, "退班");
        String className = rules.required("leaveClass", leaveClass, 64);
        rules.throwIfAny();
        Contract contract = visible(id);
        HoursLedger.Line line = quotes.classToLeave(contract, className, rules);
        return quotes.classLeaving(contract, why, line.lineNo());
    }

    @Operation(summary = "退部分课时试算：退回的一对一课时按成交价折算，家长已缴的部分退还（扣除手续费），未缴的部分抵减未缴分期款；"
            + "其余课时照常。与申请退部分课时相同的校验")
    @GetMapping("/api/contracts/{id}/lesson-refund-preview")
    RefundQuotes.LineRefund lessonRefundPreview(@PathVariable long id,
            @Parameter(description = "退回的一对一课时数") @RequestParam(required = false) Integer lessons,
            @Parameter(description = "退费原因：代码或中文（个人原因、教学不满意、搬家或转学、时间冲突、其他）")
            @RequestParam(required = false) String reason) {
        InputRules rules = new InputRules();
        RefundReason why = lineReason(rules, reason, "退部分课时");
        rules.throwIfAny();
        Contract contract = visible(id);
        HoursLedger.Line line = quotes.lessonsToGiveBack(contract, lessons, rules);
        return quotes.someLessons(contract, why, line.lineNo(), lessons);
    }

    /** The reason of a refund of one line ({@code what}: 退班, 退部分课时): any but those that value no lesson. */
    private static RefundReason lineReason(InputRules rules, String reason, String what) {
        RefundReason why = rules.code("reason", reason, RefundReason.class, true);
        if (why == RefundReason.OVERPAYMENT || why == RefundReason.TRANSFER) {
            rules.problem("reason", what + "的退费原因：个人原因、教学不满意、搬家或转学、时间冲突、其他");
        }
        return why;
    }

    private Contract visible(long id) {
        return contracts.find(id).filter(c -> scope.current().seesCampus(c.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有合同 " + id));
    }
}
