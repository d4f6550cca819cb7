package com.enrollflow.contract;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
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
 * The contract as a PDF in Chinese (课程服务合同): parties, courses, prices and discounts, payment plan,
 * approvals, refund terms and signature lines. Text in Noto Serif SC, embedded as a subset ({@link ChineseFont}):
 * any reader shows it, a phone and a browser's built-in viewer too, and the document stays some tens of kilobytes.
 */
@Component
public class ContractPdf {

    static final String TITLE = "课程服务合同";
    /** Both minus signs are the full-width U+FF0D, as Chinese contracts print them. */
    static final String REFUND_FORMULA = "退费金额 = 已付金额 － 已消耗课时 × 实际课时单价 － 政策规定的手续费";
    static final String CONSUMED_NOT_REFUNDED = "已消耗课时不予退还";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

    private final String institution;

    public ContractPdf(@Value("${enrollflow.contract.institution:EnrollFlow 教育培训中心}") String institution) {
        this.institution = institution;
    }

    public byte[] render(String number, ContractTerms terms, OffsetDateTime issuedAt) {
        BaseFont font = ChineseFont.embedded();
        Font title = new Font(font, 20);
        Font heading = new Font(font, 13);
        Font text = new Font(font, 10.5f);
        Font small = new Font(font, 9.5f);
        LocalDate date = BusinessTime.dateOf(issuedAt);

        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(TITLE + " " + number);
        doc.addAuthor(institution);
        doc.addSubject(terms.customerName());
        doc.open();
        try {
            Paragraph head = new Paragraph(TITLE, title);
            head.setAlignment(Element.ALIGN_CENTER);
            head.setSpacingAfter(12);
            doc.add(head);
            doc.add(line("合同编号：" + number, text));
            doc.add(line("签订日期：" + DATE.format(date), text));

            section(doc, "一、合同双方", heading);
            doc.add(line("甲方（服务方）：" + institution + " " + terms.campusName(), text));
            doc.add(line("乙方（学员或监护人）：" + terms.customerName() + "　联系电话：" + maskPhone(terms.phone()), text));
            doc.add(line("产品线：" + nullToEmpty(terms.productLineLabel()), text));
            if (terms.renewalOf() != null) {
                doc.add(line("本合同为合同 " + terms.renewalOf() + " 的续费合同；原合同的剩余课时照常上课，按原合同结算。", text));
            }

            section(doc, "二、课程内容", heading);
            PdfPTable courses = PdfTables.table(new float[] {4.2f, 1.2f, 2f, 2f, 1.8f});
            PdfTables.header(courses, small, "课程", "课时", "原价", "成交价", "课时单价");
            for (ContractTerms.Line l : terms.lines()) {
                String course = l.schedule() == null ? l.description() : l.description() + "\n上课时间：" + l.schedule();
                row(courses, small, course, String.valueOf(l.lessons()), Money.yuan(l.listAmount()),
                        Money.yuan(l.finalAmount()), Money.yuan(l.unitPrice()));
            }
            // several courses: each is refunded at its own 课时单价, so the total has none of its own
            boolean perCourse = terms.lines().size() > 1;
            row(courses, small, "合计", String.valueOf(terms.lessons()), Money.yuan(terms.listPrice()),
                    Money.yuan(terms.finalPrice()), perCourse ? "按课程" : Money.yuan(terms.unitPrice()));
            doc.add(courses);

            section(doc, "三、价格与优惠", heading);
            doc.add(line("课程原价：" + Money.yuan(terms.listPrice()), text));
            doc.add(line("标准优惠：" + Money.yuan(terms.standardDiscount()), text));
            if (terms.voucherCode() != null) {
                doc.add(line("代金券抵扣：" + Money.yuan(terms.voucherAmount()) + "（" + terms.voucherCode()
                        + "，本合同签订即使用；不兑换现金，退费时不退还）", text));
            }
            boolean extra = terms.extraDiscount() != null && terms.extraDiscount().signum() != 0;
            doc.add(line("特批优惠：" + Money.yuan(extra ? terms.extraDiscount() : BigDecimal.ZERO)
                    + (extra ? "（原因：" + nullToEmpty(terms.discountReason()) + "）" : "（无）"), text));
            doc.add(line("合同总价：" + Money.yuan(terms.finalPrice()) + "（人民币）", heading));
            doc.add(line("实际课时单价：" + (perCourse ? "按课程分别计算（见上表）" : Money.yuan(terms.unitPrice()) + " / 课时")
                    + "，共 " + terms.lessons() + " 课时", text));

            section(doc, "四、付款方式", heading);
            if (terms.collectionNote() != null) {
                doc.add(line(terms.collectionNote() + "。", text));
            }
            if (terms.installments().isEmpty()) {
                doc.add(line("一次性付清：乙方于签订本合同之日支付合同总价 " + Money.yuan(terms.finalPrice()) + "。", text));
            } else {
                doc.add(line("乙方按以下分期计划付款：", text));
                PdfPTable plan = PdfTables.table(new float[] {1.5f, 3f, 3f});
                PdfTables.header(plan, small, "期数", "应付日期", "金额");
                for (ContractTerms.Installment i : terms.installments()) {
                    row(plan, small, "第" + i.seq() + "期", DATE.format(i.dueDate()), Money.yuan(i.amount()));
                }
                doc.add(plan);
            }
            if (terms.supervisedAccount() != null) {
                doc.add(line("乙方所缴费用均存入甲方的资金监管账户：" + terms.supervisedAccount() + "。", text));
            }

            section(doc, "五、审批记录", heading);
            if (terms.approvals().isEmpty()) {
                doc.add(line(extra ? "特批优惠在课程顾问权限内，无需审批。" : "标准价格，无需特批。", text));
            } else {
                for (String approval : terms.approvals()) {
                    doc.add(line("· " + approval, text));
                }
            }

            section(doc, "六、退费条款", heading);
            doc.add(line("1. 乙方可申请退还未消耗课时的费用，" + REFUND_FORMULA + "。", text));
            doc.add(line("2. " + CONSUMED_NOT_REFUNDED + "。", text));
            doc.add(line(perCourse ? "3. 实际课时单价按课程分别计算，即“二、课程内容”中各课程的课时单价；已消耗课时按其所属课程的"
                    + "课时单价计算。" : "3. 实际课时单价为合同总价除以总课时，即 " + Money.yuan(terms.unitPrice()) + " / 课时。",
                    text));
            doc.add(line("4. 退费在乙方提交申请并经甲方核对课时消耗后办理，款项原路退回。", text));

            section(doc, "七、其他", heading);
            doc.add(line("本合同一式两份，甲乙双方各执一份，自双方签字（盖章）之日起生效。", text));

            PdfPTable signatures = PdfTables.table(new float[] {1f, 1f});
            signatures.setSpacingBefore(28);
            for (String s : List.of("甲方（盖章）：________________", "乙方（签字）：________________",
                    "日期：________________", "日期：________________")) {
                PdfPCell cell = new PdfPCell(new Phrase(s, text));
                cell.setBorder(Rectangle.NO_BORDER);
                cell.setPaddingBottom(14);
                signatures.addCell(cell);
            }
            doc.add(signatures);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }

    /** A phone number as printed: the first three and the last four digits, e.g. "138****8000". */
    static String maskPhone(String phone) {
        if (phone == null) {
            return "";
        }
        String digits = phone.replaceAll("\\D", "");
        if (phone.strip().startsWith("+86") || (digits.startsWith("86") && digits.length() == 13)) {
            digits = digits.substring(2);
        }
        if (digits.length() >= 8) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        return digits.length() > 4 ? "****" + digits.substring(digits.length() - 4) : "****";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Paragraph line(String s, Font font) {
        Paragraph p = new Paragraph(s, font);
        p.setLeading(font.getSize() * 1.6f);
        return p;
    }

    private static void section(Document doc, String title, Font font) {
        Paragraph p = new Paragraph(title, font);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    private static void row(PdfPTable t, Font font, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            PdfPCell cell = new PdfPCell(new Phrase(cells[i], font));
            cell.setPadding(4);
            cell.setHorizontalAlignment(i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            t.addCell(cell);
        }
    }
}
