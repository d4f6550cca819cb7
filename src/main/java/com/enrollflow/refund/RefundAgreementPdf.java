package com.enrollflow.refund;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.enrollflow.common.ChineseFont;
import com.enrollflow.common.Money;
import com.enrollflow.common.PdfTables;
import com.enrollflow.reference.BusinessTime;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The refund agreement (退费确认书) the family signs and the campus stamps: the computation line by line, the amounts
 * and the formula, who approved, how the money went back, and that the remaining lessons are cancelled. Same embedded
 * font and institution as the contract ({@link ChineseFont}); it reads no clock, so the same refund prints the same.
 */
@Component
public class RefundAgreementPdf {

    static final String TITLE = "退费确认书";
    /** Both minus signs are the full-width U+FF0D, as in the contract's refund terms. */
    static final String FORMULA = "退费金额 = 已缴金额 － 已消课时价值 － 手续费";
    static final String GIFTS_NOT_REFUNDED = "赠送课时不予退还";
    static final String LESSONS_VOID = "退费后，合同 %s 项下的剩余课时（含赠送课时）全部作废，不再安排课程。";
    static final String LESSONS_UNCHANGED = "本次退款不涉及课时：合同 %s 项下的课时和课程安排不变。";
    private static final String COPIES = "本确认书一式两份，甲乙双方各执一份，自乙方签字、甲方盖章之日起生效。";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);

    private final String institution;

    public RefundAgreementPdf(@Value("${enrollflow.contract.institution:EnrollFlow 教育培训中心}") String institution) {
        this.institution = institution;
    }

    public byte[] render(RefundAgreement a) {
        BaseFont font = ChineseFont.embedded();
        Font title = new Font(font, 20);
        Font heading = new Font(font, 13);
        Font text = new Font(font, 10.5f);
        Font small = new Font(font, 9.5f);

        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Document doc = new Document(PageSize.A4, 56, 56, 48, 48);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(TITLE + " " + a.agreementNo());
        doc.addAuthor(institution);
        doc.addSubject(a.customerName());
        doc.open();
        try {
            Paragraph head = new Paragraph(TITLE, title);
            head.setAlignment(Element.ALIGN_CENTER);
            head.setSpacingAfter(12);
            doc.add(head);
            doc.add(line("退费确认书编号：" + a.agreementNo(), text));
            doc.add(line("退费单号：" + a.refundNo() + "　合同编号：" + a.contractNumber(), text));
            doc.add(line("甲方（服务方）：" + institution + " " + a.campusName(), text));
            doc.add(line("乙方（学员或监护人）：" + a.customerName(), text));
            doc.add(line("退费原因：" + a.reasonLabel() + (blank(a.note()) ? "" : "（" + a.note().strip() + "）"), text));

            if (a.basis() == null) {
                lessonRefund(doc, a, heading, text, small);
            } else {
                // 转课差价, 多付款退还: no lesson is valued; the computation says how the amount was arrived at
                section(doc, "一、退费计算", heading);
                for (String l : a.basis().split("\n")) {
                    doc.add(line(l, text));
                }
                section(doc, "二、退费金额", heading);
                doc.add(line("退费金额：" + Money.yuan(a.amount()) + "（人民币）", heading));
            }

            section(doc, "三、审批记录", heading);
            if (a.approvals().isEmpty()) {
                doc.add(line("无审批记录。", text));
            } else {
                PdfPTable approvals = PdfTables.table(new float[] {2f, 2f, 2.6f, 4f});
                PdfTables.header(approvals, small, "角色", "审批人", "时间", "意见");
                for (RefundAgreement.Approval ap : a.approvals()) {
                    row(approvals, small, "LLLL", ap.roleLabel(), ap.decidedBy(), when(ap.decidedAt()),
                            orEmpty(ap.comment()));
                }
                doc.add(approvals);
            }

            section(doc, "四、退款支付", heading);
            if (a.payouts().isEmpty()) {
                doc.add(line("尚未支付。", text));
            } else {
                PdfPTable payouts = PdfTables.table(new float[] {2.6f, 2f, 3f, 2.6f});
                PdfTables.header(payouts, small, "渠道", "金额", "凭证号", "时间");
                for (RefundAgreement.Payout p : a.payouts()) {
                    row(payouts, small, "LRLL", p.channelLabel(), Money.yuan(p.amount()), orEmpty(p.voucher()),
                            when(p.paidAt()));
                }
                doc.add(payouts);
            }
            if (a.paidOutAt() != null) {
                doc.add(line("退款完成时间：" + when(a.paidOutAt()), text));
            }

            doc.add(closing(a, heading, text));
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }

    /** Sections 一 and 二 of a refund of the lessons: the lesson table, the amounts and the formula. */
    private static void lessonRefund(Document doc, RefundAgreement a, Font heading, Font text, Font small)
            throws DocumentException {
        section(doc, "一、退费计算", heading);
        PdfPTable lines = PdfTables.table(new float[] {4.2f, 1.3f, 1.3f, 2f, 2f});
        PdfTables.header(lines, small, "课程", "购买课时", "已消课时", "成交价", "已消课时价值");
        for (RefundAgreement.Line l : a.lines()) {
            row(lines, small, "LRRRR", l.description(), String.valueOf(l.purchased()),
                    String.valueOf(l.consumed()), Money.yuan(l.finalAmount()), Money.yuan(l.consumedValue()));
        }
        row(lines, small, "LRRRR", "合计", String.valueOf(a.purchasedLessons()),
                String.valueOf(a.consumedLessons()), "", Money.yuan(a.consumedValue()));
        doc.add(lines);
        doc.add(line("已消课时价值按每门课程的成交价 × 已消课时 ÷ 购买课时计算；赠送课时不计价值。", small));

        section(doc, "二、退费金额", heading);
        doc.add(line("已缴金额：" + Money.yuan(a.paid()), text));
        doc.add(line("已消课时价值：" + Money.yuan(a.consumedValue()), text));
        String feeName = blank(a.feeName()) ? "" : "（" + a.feeName().strip() + "）";
        doc.add(line("手续费" + feeName + "：" + Money.yuan(a.fees()), text));
        doc.add(line("退费金额：" + Money.yuan(a.amount()) + "（人民币）", heading));
        if (a.shortfall() != null && a.shortfall().signum() > 0) {
            doc.add(line("差额：" + Money.yuan(a.shortfall()) + "（已消课时价值与手续费之和超出已缴金额的部分，本次不予退费）",
                    text));
        }
        if (a.unpaidForgone() != null) {
            doc.add(line("未缴分期款：" + Money.yuan(a.unpaidForgone()) + "（退费后不再收取）", text));
        }
        doc.add(line("计算方式：" + FORMULA + "；结果不足零时，退费金额为 " + Money.yuan(BigDecimal.ZERO) + "。", text));
    }

    /**
     * What the family confirms and the signature lines, kept on one page: a signature never stands on a page of its
     * own, away from what it signs.
     */
    private static PdfPTable closing(RefundAgreement a, Font heading, Font text) {
        PdfPTable closing = PdfTables.table(new float[] {1f, 1f});
        closing.setKeepTogether(true);
        closing.setSpacingBefore(8);
        PdfPCell title = plain("五、确认事项", heading, 2);
        title.setPaddingBottom(6);
        closing.addCell(title);
        // money paid back without valuing lessons (转课差价, 多付款退还) ends no lesson: saying so would be false; a
        // refund of one line (退班, 退部分课时) ends those lessons and no others; a family leaving owes nothing unpaid
        List<String> said = new java.util.ArrayList<>();
        if (a.basis() == null) {
            said.add("退费金额按上述方式计算，双方确认无误。");
            said.add(GIFTS_NOT_REFUNDED + "。");
            said.add(LESSONS_VOID.formatted(a.contractNumber()));
            if (a.unpaidForgone() != null) {
                said.add("合同 " + a.contractNumber() + " 项下尚未缴纳的分期款 " + Money.yuan(a.unpaidForgone()) + " 不再收取。");
            }
        } else {
            said.add("退款金额按上述方式计算，双方确认无误。");
            said.add(a.givenUp() != null ? "退费后，合同 " + a.contractNumber() + " 项下退回的" + a.givenUp()
                    + "作废，其余课时和课程安排不变。" : LESSONS_UNCHANGED.formatted(a.contractNumber()));
        }
        said.add(COPIES);
        for (int i = 0; i < said.size(); i++) {
            closing.addCell(plain((i + 1) + ". " + said.get(i), text, 2));
        }
        for (String s : List.of("家长签字：________________", "校区盖章：________________",
                "日期：________________", "日期：________________")) {
            PdfPCell cell = plain(s, text, 1);
            cell.setPaddingTop(14);
            closing.addCell(cell);
        }
        return closing;
    }

    private static PdfPCell plain(String s, Font font, int columns) {
        PdfPCell cell = new PdfPCell(new Phrase(s, font));
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setColspan(columns);
        cell.setPaddingLeft(0);
        cell.setPaddingBottom(3);
        return cell;
    }

    /** A moment as the document prints it, Beijing time: 2026年5月6日 10:15. */
    private static String when(OffsetDateTime moment) {
        return moment == null ? "" : WHEN.format(moment.atZoneSameInstant(BusinessTime.ZONE));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Paragraph line(String s, Font font) {
        Paragraph p = new Paragraph(s, font);
        p.setLeading(font.getSize() * 1.5f);
        return p;
    }

    private static void section(Document doc, String title, Font font) {
        Paragraph p = new Paragraph(title, font);
        p.setSpacingBefore(8);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    /** A row; {@code align} has an L or R per cell: text left, amounts and counts right. */
    private static void row(PdfPTable t, Font font, String align, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            PdfPCell cell = new PdfPCell(new Phrase(cells[i], font));
            cell.setPadding(4);
            cell.setHorizontalAlignment(align.charAt(i) == 'R' ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            t.addCell(cell);
        }
    }
}
