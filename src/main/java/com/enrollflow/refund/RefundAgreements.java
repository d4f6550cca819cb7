package com.enrollflow.refund;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.GaplessCounter;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.common.Sha256;
import com.enrollflow.contract.Contract;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.teaching.HoursLedger;

/**
 * The refund agreement (退费确认书) of a paid-back refund: numbered without gaps per campus and year
 * (BJ-HD-TF-2026-00001), rendered once, archived with its SHA-256 and checked against it whenever it is read.
 */
@Service
public class RefundAgreements {

    private final RefundRepository refunds;
    private final StaffDirectory staff;
    private final Refunds requests;
    private final HoursLedger ledger;
    private final Families families;
    private final RefundAgreementPdf pdf;
    private final GaplessCounter numbers;
    private final Clock clock;

    RefundAgreements(RefundRepository refunds, Refunds requests, HoursLedger ledger, Families families,
            RefundAgreementPdf pdf, JdbcClient jdbc, PlatformTransactionManager transactions, StaffDirectory staff,
            Clock clock) {
        this.refunds = refunds;
        this.staff = staff;
        this.requests = requests;
        this.ledger = ledger;
        this.families = families;
        this.pdf = pdf;
        this.numbers = new GaplessCounter(jdbc, transactions, "refund_agreement_counter", "agreement_year");
        this.clock = clock;
    }

    /** Numbers, renders and archives the agreement once; a rerun returns the number given before. */
    @Transactional
    public String issue(long refundId) {
        Refund r = refunds.lock(refundId).orElseThrow();
        if (r.agreementNo() != null) {
            return r.agreementNo();
        }
        int year = LocalDate.now(clock.withZone(BusinessTime.ZONE)).getYear();
        numbers.ensure(r.campusCode(), year);
        numbers.lock(r.campusCode(), year);
        String number = String.format("%s-TF-%d-%05d", r.campusCode(), year, numbers.next(r.campusCode(), year));
        byte[] document = pdf.render(agreement(r, number));
        refunds.agreement(refundId, number, Sha256.hex(document), document);
        return number;
    }

    /** The archived PDF, refused (409) when it no longer matches its checksum. */
    @Transactional(readOnly = true)
    public byte[] document(String refundIdOrNumber) {
        Refund r = requests.visible(refundIdOrNumber);
        byte[] stored = refunds.document(r.id())
                .orElseThrow(() -> new NotFoundException("退费申请 " + r.refundNo() + " 尚未退款完成，没有退费确认书"));
        if (!Sha256.hex(stored).equals(r.agreementSha256())) {
            throw new ConflictException(409, "退费确认书 " + r.agreementNo() + " 的存档文件校验失败（SHA-256 不一致），请联系系统管理员");
        }
        return stored;
    }

    private RefundAgreement agreement(Refund r, String number) {
        Contract contract = requests.contractOf(r);
        FamilyContact family = families.of(r.opportunityId());
        // money paid back without valuing lessons (转课差价, 多付款退还), a 退班 (one class of the contract) and a
        // 退部分课时 (some 1:1 lessons) print their computation, not the ledger
        boolean computed = r.leavesContractAsItIs() || r.lineOnly();
        List<RefundAgreement.Line> lines = computed ? List.of() : ledger.accounts(contract.id())
                .stream().filter(l -> l.basis() > 0)
                .map(l -> new RefundAgreement.Line(l.description(), l.basis(), l.consumed(), l.finalAmount(),
                        RefundCalculator.lineValue(RefundCalculator.Line.of(l)).consumedValue()))
                .toList();
        List<RefundAgreement.Approval> approvals = refunds.approvals(r.id()).stream()
                .map(a -> new RefundAgreement.Approval(StaffRole.labelOf(a.approvalGroup()),
                        staff.personName(a.decidedBy()), a.decidedAt(), a.comment()))
                .toList();
        List<RefundAgreement.Payout> payouts = refunds.payouts(r.id()).stream()
                .map(p -> new RefundAgreement.Payout(p.channel().label(), p.amount(), p.voucher(), p.paidAt()))
                .toList();
        return new RefundAgreement(number, r.refundNo(), contract.number(), family.campusName(), family.name(),
                requests.reasonLabel(r), r.note(), r.paid(), r.consumedValue(), r.fees(), r.feeName(), r.amount(),
                r.shortfall(), r.consumedLessons(), r.purchasedLessons(), lines, approvals, payouts,
                r.paidOutAt() == null ? java.time.OffsetDateTime.now(clock) : r.paidOutAt(),
                computed ? r.computation() : null, givenUp(r),
                r.forgaveInstallments() ? r.unpaidForgone() : null);
    }

    /** The lessons a refund of one line gave up, as the family reads them; null for any other refund. */
    private String givenUp(Refund r) {
        if (r.someLessons()) {
            return "一对一课时 " + r.lessonsBack() + " 课时";
        }
        if (r.classOnly()) {
            HoursLedger.Line line = ledger.line(r.contractId(), r.classLineNo());
            return "班课“" + line.description() + "”剩余课时";
        }
        return null;
    }
}
