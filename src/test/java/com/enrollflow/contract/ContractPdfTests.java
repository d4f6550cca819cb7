package com.enrollflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.enrollflow.common.Money;
import com.enrollflow.testsupport.PdfFonts;
import com.enrollflow.testsupport.PdfText;

/** The contract PDF read back as text: the Chinese must come out as the same characters. */
class ContractPdfTests {

    private final ContractPdf pdf = new ContractPdf("启明教育");

    static ContractTerms terms(List<ContractTerms.Installment> plan) {
        return new ContractTerms(42, 7, 9, "王小明", "+8613800138000", "BJ-HD", "北京海淀校区", "一对一",
                List.of(new ContractTerms.Line("初中数学一对一（资深教师）", 30, new BigDecimal("10500.00"),
                                new BigDecimal("9000.00"), new BigDecimal("300.00"), null),
                        new ContractTerms.Line("初中物理一对一（标准教师）", 15, new BigDecimal("4095.00"),
                                new BigDecimal("3345.00"), new BigDecimal("223.00"), null)),
                new BigDecimal("14595.00"), new BigDecimal("1750.00"), new BigDecimal("500.00"), "老学员续费",
                new BigDecimal("12345.00"), 45, new BigDecimal("274.33"), plan,
                List.of("销售主管 孙强 同意特批优惠 ¥500.00"));
    }

    @Test
    void shouldPrintTheContractInChineseWithNumberPartiesCoursesAndAmounts() {
        List<ContractTerms.Installment> plan = List.of(
                new ContractTerms.Installment(1, LocalDate.of(2026, 3, 5), new BigDecimal("6000.00")),
                new ContractTerms.Installment(2, LocalDate.of(2026, 4, 5), new BigDecimal("6345.00")));
        // 17:30 UTC on 4 March is 01:30 on 5 March in Beijing: the contract date is the business date
        byte[] document = pdf.render("BJ-HD-2026-00017", terms(plan), OffsetDateTime.parse("2026-03-04T17:30:00Z"));

        assertThat(new String(document, 0, 5)).isEqualTo("%PDF-");
        String text = PdfText.of(document);
        assertThat(text).contains("课程服务合同", "合同编号：BJ-HD-2026-00017", "签订日期：2026年3月5日")
                .contains("甲方（服务方）：启明教育北京海淀校区", "乙方（学员或监护人）：王小明", "138****8000")
                .doesNotContain("13800138000")
                .contains("课程课时原价成交价课时单价", "初中数学一对一（资深教师）30¥10,500.00¥9,000.00¥300.00")
                .contains("合计45¥14,595.00¥12,345.00按课程")
                .contains("实际课时单价：按课程分别计算（见上表），共45课时")
                .contains("3.实际课时单价按课程分别计算，即“二、课程内容”中各课程的课时单价")
                .doesNotContain("¥274.33")
                .contains("课程原价：¥14,595.00", "标准优惠：¥1,750.00", "特批优惠：¥500.00（原因：老学员续费）",
                        "合同总价：¥12,345.00")
                .contains("期数应付日期金额", "第1期2026年3月5日¥6,000.00", "第2期2026年4月5日¥6,345.00")
                .doesNotContain("一次性付清")
                .contains("销售主管孙强同意特批优惠¥500.00")
                .contains("退费条款", PdfText.compact(ContractPdf.REFUND_FORMULA), "已消耗课时不予退还")
                .contains("退费金额=已付金额－已消耗课时×实际课时单价－政策规定的手续费")
                .contains("甲方（盖章）", "乙方（签字）");
    }

    @Test
    void shouldPrintWhenAClassMeetsUnderItsName() {
        ContractTerms t = terms(List.of());
        ContractTerms withClass = new ContractTerms(t.quoteId(), t.opportunityId(), t.customerId(), t.customerName(),
                t.phone(), t.campusCode(), t.campusName(), "班课", List.of(new ContractTerms.Line("初二数学寒假班", 16,
                        new BigDecimal("2528.00"), new BigDecimal("2528.00"), new BigDecimal("158.00"),
                        "1月20日起每天 09:00–11:00")), new BigDecimal("2528.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                null, new BigDecimal("2528.00"), 16, new BigDecimal("158.00"), List.of(), List.of());

        String text = PdfText.of(pdf.render("BJ-HD-2026-00020", withClass, OffsetDateTime.now()));

        assertThat(text).contains("初二数学寒假班", PdfText.compact("上课时间：1月20日起每天 09:00–11:00"));
        assertThat(PdfText.of(pdf.render("BJ-HD-2026-00021", t, OffsetDateTime.now()))).as("no class, no time")
                .doesNotContain("上课时间");
    }

    @Test
    void shouldSayPaidInOneSumWhenThereIsNoInstalmentPlan() {
        String text = PdfText.of(pdf.render("SH-PD-2026-00001", terms(List.of()),
                OffsetDateTime.parse("2026-06-01T10:00:00+08:00")));

        assertThat(text).contains("一次性付清", "¥12,345.00").doesNotContain("期数", "第1期");
    }

    @Test
    void shouldPrintTheVoucherSpentAndThatItIsNeitherCashNorRefunded() {
        ContractTerms t = terms(List.of());
        ContractTerms withVoucher = new ContractTerms(t.quoteId(), t.opportunityId(), t.customerId(), t.customerName(),
                t.phone(), t.campusCode(), t.campusName(), t.productLineLabel(), t.lines(), t.listPrice(),
                t.standardDiscount(), t.extraDiscount(), t.discountReason(), t.finalPrice(), t.lessons(),
                t.unitPrice(), t.installments(), t.approvals(), null, null, "DJQ000012", new BigDecimal("800.00"),
                null);

        String text = PdfText.of(pdf.render("BJ-HD-2026-00018", withVoucher, OffsetDateTime.now()));

        assertThat(text).contains("标准优惠：¥1,750.00代金券抵扣：¥800.00（DJQ000012，本合同签订即使用；不兑换现金，退费时不退还）特批优惠")
                .contains("合同总价：¥12,345.00");
        assertThat(PdfText.of(pdf.render("BJ-HD-2026-00019", t, OffsetDateTime.now()))).doesNotContain("代金券");
    }

    @Test
    void shouldSayARenewalsContractRenewsItsFormerContract() {
        ContractTerms t = terms(List.of());
        ContractTerms renewal = new ContractTerms(t.quoteId(), t.opportunityId(), t.customerId(), t.customerName(),
                t.phone(), t.campusCode(), t.campusName(), t.productLineLabel(), t.lines(), t.listPrice(),
                t.standardDiscount(), t.extraDiscount(), t.discountReason(), t.finalPrice(), t.lessons(),
                t.unitPrice(), t.installments(), t.approvals(), null, null, null, null, "BJ-HD-2026-00001");

        assertThat(PdfText.of(pdf.render("BJ-HD-2026-00020", renewal, OffsetDateTime.now())))
                .contains("产品线：一对一本合同为合同BJ-HD-2026-00001的续费合同；原合同的剩余课时照常上课，按原合同结算。");
        assertThat(PdfText.of(pdf.render("BJ-HD-2026-00021", t, OffsetDateTime.now()))).doesNotContain("续费合同");
    }

    @Test
    void shouldEmbedASubsetOfTheChineseFontSoEveryReaderShowsTheText() {
        byte[] document = pdf.render("SH-PD-2026-00002", terms(List.of()), OffsetDateTime.now());

        List<PdfFonts.Font> fonts = PdfFonts.of(document);
        assertThat(fonts).isNotEmpty();
        assertThat(fonts).allSatisfy(f -> {
            assertThat(f.embedded()).as(f.name() + " embedded (FontFile2/FontFile3)").isTrue();
            assertThat(f.subset()).as(f.name() + " a subset").isTrue();
        });
        assertThat(fonts).extracting(PdfFonts.Font::name).allMatch(n -> n.endsWith("+NotoSerifSC-Regular"));
        assertThat(PdfText.of(document)).contains("课程服务合同", "乙方（学员或监护人）：王小明", "已消耗课时不予退还");
        assertThat(document.length).as("a subset, not the whole 14 MB font").isLessThan(120_000);
    }

    @Test
    void shouldWriteAmountsAsYuanWithThousandsSeparatorsAndTwoDecimals() {
        assertThat(Money.yuan(new BigDecimal("12345"))).isEqualTo("¥12,345.00");
        assertThat(Money.yuan(new BigDecimal("1234567.5"))).isEqualTo("¥1,234,567.50");
        assertThat(Money.yuan(new BigDecimal("0.00"))).isEqualTo("¥0.00");
        assertThat(Money.yuan(new BigDecimal("-80.00"))).isEqualTo("－¥80.00");
    }

    @Test
    void shouldShowOnlyTheFirstThreeAndLastFourDigitsOfThePhone() {
        assertThat(ContractPdf.maskPhone("+8613800138000")).isEqualTo("138****8000");
        assertThat(ContractPdf.maskPhone("138 0013 8000")).isEqualTo("138****8000");
        assertThat(ContractPdf.maskPhone("010-62345678")).isEqualTo("010****5678");
        assertThat(ContractPdf.maskPhone("+85291234567")).isEqualTo("852****4567");
        assertThat(ContractPdf.maskPhone(null)).isEmpty();
    }
}
