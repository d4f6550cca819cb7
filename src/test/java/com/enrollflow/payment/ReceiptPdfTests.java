package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.enrollflow.testsupport.PdfFonts;
import com.enrollflow.testsupport.PdfText;

/** The receipt PDF read back as a reader without an Asian font pack would: embedded font, Chinese text. */
class ReceiptPdfTests {

    private final ReceiptPdf pdf = new ReceiptPdf("启明教育");

    @Test
    void shouldEmbedTheChineseFontAndPrintTheReceiptInChinese() {
        var payment = new PaymentOrder.Payment(7, "WECHAT", new BigDecimal("1000.00"), "CONFIRMED", "BJ-HD-R-2026-00009",
                "微信 4200001234", "zhaomin", OffsetDateTime.parse("2026-03-05T10:30:00+08:00"), null);
        byte[] document = pdf.render(new ReceiptPdf.Receipt("BJ-HD-R-2026-00009", "北京海淀校区", "王小明",
                "PO-2026-0042", "BJ-HD-2026-00017", payment, PaymentMethod.WECHAT.label(), "赵敏"));

        List<PdfFonts.Font> fonts = PdfFonts.of(document);
        assertThat(fonts).isNotEmpty().allSatisfy(f -> assertThat(f.embedded()).as(f.name()).isTrue());
        assertThat(fonts).extracting(PdfFonts.Font::fontFile).containsOnly("FontFile2");
        assertThat(PdfText.of(document)).contains("收据", "收据编号：BJ-HD-R-2026-00009", "收款单位：启明教育北京海淀校区",
                "交款人：王小明", "付款方式：微信扫码（微信4200001234）", "金额：¥1,000.00（人民币）",
                "收款时间：2026年3月5日10:30", "经办人：赵敏");
        assertThat(document.length).isLessThan(80_000);
    }
}
