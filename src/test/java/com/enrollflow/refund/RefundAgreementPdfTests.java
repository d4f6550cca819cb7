package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.enrollflow.testsupport.PdfFonts;
import com.enrollflow.testsupport.PdfText;

/** The refund agreement read back as text: the Chinese, the numbers and the money must come out as printed. */
class RefundAgreementPdfTests {

    private final RefundAgreementPdf pdf = new RefundAgreementPdf("启明教育");

    /**
     * 12 of 30 maths and 3 of 15 physics lessons taken, 2 of 4 gifted ones too: 9,000 × 12 ÷ 30 + 3,345 × 3 ÷ 15 =
     * 4,269.00 consumed; 5 % of the remaining 8,076.00 is 403.80; 7,672.20 comes back, in two payouts.
     */
    static RefundAgreement agreement() {
        return new RefundAgreement("BJ-HD-TF-2026-00003", "TF12", "BJ-HD-2026-00017", "北京海淀校区", "王小明",
                "搬家或转学", "全家迁往上海", new BigDecimal("12345.00"), new BigDecimal("4269.00"),
                new BigDecimal("403.80"), "退费手续费 5%", new BigDecimal("7672.20"), BigDecimal.ZERO, 17, 45,
                List.of(new RefundAgreement.Line("初中数学一对一（资深教师）", 30, 12, new BigDecimal("9000.00"),
                                new BigDecimal("3600.00")),
                        new RefundAgreement.Line("初中物理一对一（标准教师）", 15, 3, new BigDecimal("3345.00"),
                                new BigDecimal("669.00")),
                        new RefundAgreement.Line("赠送课时（数学）", 4, 2, BigDecimal.ZERO, BigDecimal.ZERO)),
                List.of(new RefundAgreement.Approval("校区主管", "李娜", OffsetDateTime.parse("2026-05-06T10:15:00+08:00"),
                                "家庭搬迁属实，同意退费"),
                        // 07:40 UTC is 15:40 in Beijing: times print in business time
                        new RefundAgreement.Approval("财务", "赵敏", OffsetDateTime.parse("2026-05-06T07:40:00Z"),
                                "核对无误")),
                List.of(new RefundAgreement.Payout("原路退回（在线支付）", new BigDecimal("5000.00"), "RF20261",
                                OffsetDateTime.parse("2026-05-07T09:30:00+08:00")),
                        new RefundAgreement.Payout("银行转账", new BigDecimal("2672.20"), "BT-88231",
                                OffsetDateTime.parse("2026-05-07T11:00:00+08:00"))),
                OffsetDateTime.parse("2026-05-07T11:00:00+08:00"));
    }

    @Test
    void shouldPrintTheAgreementInChineseWithComputationApprovalsAndPayouts() {
        byte[] document = pdf.render(agreement());

        assertThat(new String(document, 0, 5)).isEqualTo("%PDF-");
        String text = PdfText.of(document);
        assertThat(text).startsWith("退费确认书退费确认书编号：BJ-HD-TF-2026-00003")
                .contains("退费单号：TF12", "合同编号：BJ-HD-2026-00017")
                .contains("甲方（服务方）：启明教育北京海淀校区", "乙方（学员或监护人）：王小明")
                .contains("退费原因：搬家或转学（全家迁往上海）")
                .contains("课程购买课时已消课时成交价已消课时价值")
                .contains("初中数学一对一（资深教师）3012¥9,000.00¥3,600.00")
                .contains("初中物理一对一（标准教师）153¥3,345.00¥669.00")
                .contains("赠送课时（数学）42¥0.00¥0.00")
                .contains("合计4517¥4,269.00")
                .contains("已缴金额：¥12,345.00", "已消课时价值：¥4,269.00", "手续费（退费手续费5%）：¥403.80",
                        "退费金额：¥7,672.20（人民币）")
                .doesNotContain("差额")
                .contains(PdfText.compact(RefundAgreementPdf.FORMULA), "退费金额=已缴金额－已消课时价值－手续费")
                .contains("角色审批人时间意见", "校区主管李娜2026年5月6日10:15家庭搬迁属实，同意退费",
                        "财务赵敏2026年5月6日15:40核对无误")
                .contains("渠道金额凭证号时间", "原路退回（在线支付）¥5,000.00RF202612026年5月7日09:30",
                        "银行转账¥2,672.20BT-882312026年5月7日11:00", "退款完成时间：2026年5月7日11:00")
                .contains("赠送课时不予退还", "剩余课时（含赠送课时）全部作废")
                .contains("家长签字", "校区盖章");
    }

    @Test
    void shouldShowTheShortfallWhenMoreWasConsumedThanPaid() {
        RefundAgreement a = agreement();
        RefundAgreement consumedMore = new RefundAgreement(a.agreementNo(), a.refundNo(), a.contractNumber(),
                a.campusName(), a.customerName(), "个人原因", null, new BigDecimal("3000.00"), new BigDecimal("3600.00"),
                BigDecimal.ZERO, "无手续费", BigDecimal.ZERO.setScale(2), new BigDecimal("600.00"), 12, 30,
                a.lines().subList(0, 1), List.of(), List.of(), null);

        String text = PdfText.of(pdf.render(consumedMore));

        assertThat(text).contains("退费原因：个人原因一、退费计算", "手续费（无手续费）：¥0.00", "退费金额：¥0.00", "差额：¥600.00")
                .contains("无审批记录", "尚未支付").doesNotContain("退款完成时间", "null");
    }

    @Test
    void shouldEmbedASubsetOfTheChineseFont() {
        byte[] document = pdf.render(agreement());

        List<PdfFonts.Font> fonts = PdfFonts.of(document);
        assertThat(fonts).isNotEmpty().allSatisfy(f -> {
            assertThat(f.embedded()).as(f.name() + " embedded").isTrue();
            assertThat(f.subset()).as(f.name() + " a subset").isTrue();
        });
        assertThat(fonts).extracting(PdfFonts.Font::name).allMatch(n -> n.endsWith("+NotoSerifSC-Regular"));
        assertThat(document.length).as("a subset, not the whole font").isLessThan(120_000);
    }

    @Test
    void shouldPrintTheSameTextForTheSameRefund() {
        assertThat(PdfText.of(pdf.render(agreement()))).isEqualTo(PdfText.of(pdf.render(agreement())));
    }

    /** However many approvals push it down, what the family confirms stays on the page it signs. */
    @Test
    void shouldKeepTheConfirmationOnThePageOfTheSignatures() throws IOException {
        RefundAgreement a = agreement();
        for (int approvals = 0; approvals <= 16; approvals++) {
            List<RefundAgreement.Approval> many = Collections.nCopies(approvals, a.approvals().get(0));
            byte[] document = pdf.render(new RefundAgreement(a.agreementNo(), a.refundNo(), a.contractNumber(),
                    a.campusName(), a.customerName(), a.reasonLabel(), a.note(), a.paid(), a.consumedValue(),
                    a.fees(), a.feeName(), a.amount(), a.shortfall(), a.consumedLessons(), a.purchasedLessons(),
                    a.lines(), many, a.payouts(), a.paidOutAt()));
            try (PDDocument doc = Loader.loadPDF(document)) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(doc.getNumberOfPages());
                page.setEndPage(doc.getNumberOfPages());
                assertThat(PdfText.compact(page.getText(doc))).as(approvals + " approvals")
                        .contains("五、确认事项", "1.退费金额按上述方式计算", "赠送课时不予退还", "家长签字", "校区盖章");
            }
        }
    }
}
