package com.enrollflow.payment;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.enrollflow.common.ChineseFont;
import com.enrollflow.common.Money;
import com.enrollflow.reference.BusinessTime;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;

/** A payment receipt (收据) the front desk prints or sends: same embedded font and institution as the contract. */
@Component
class ReceiptPdf {

    /** {@code handledBy}: the name of the staff member who took or confirmed the payment (经办人). */
    record Receipt(String receiptNo, String campusName, String customerName, String orderNo, String contractNo,
            PaymentOrder.Payment payment, String methodLabel, String handledBy) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final String institution;

    ReceiptPdf(@Value("${enrollflow.contract.institution:EnrollFlow 教育培训中心}") String institution) {
        this.institution = institution;
    }

    byte[] render(Receipt r) {
        BaseFont font = ChineseFont.embedded();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        Document doc = new Document(PageSize.A5.rotate(), 42, 42, 36, 36);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("收据 " + r.receiptNo());
        doc.open();
        try {
            Paragraph title = new Paragraph("收  据", new Font(font, 20));
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingAfter(10);
            doc.add(title);
            Font text = new Font(font, 11);
            doc.add(new Paragraph("收据编号：" + r.receiptNo(), text));
            doc.add(new Paragraph("收款单位：" + institution + " " + r.campusName(), text));
            doc.add(new Paragraph("交款人：" + r.customerName(), text));
            doc.add(new Paragraph("合同编号：" + r.contractNo() + "　缴费单号：" + r.orderNo(), text));
            doc.add(new Paragraph("付款方式：" + r.methodLabel()
                    + (r.payment().reference() == null ? "" : "（" + r.payment().reference() + "）"), text));
            doc.add(new Paragraph("金额：" + Money.yuan(r.payment().amount()) + "（人民币）", new Font(font, 13)));
            doc.add(new Paragraph("收款时间：" + WHEN.format(r.payment().receivedAt().atZoneSameInstant(BusinessTime.ZONE)),
                    text));
            doc.add(new Paragraph("经办人：" + r.handledBy(), text));
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }
}
