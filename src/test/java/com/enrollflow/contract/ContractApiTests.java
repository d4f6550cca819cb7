package com.enrollflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Year;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.PdfText;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/** /api/contracts through the real HTTP stack: metadata, the archived PDF with its checksum, who may see them. */
@EnrollFlowTest
class ContractApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ContractService contracts;
    @Autowired
    ContractFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private Contract issued(String customerName) {
        return contracts.issue(fixtures.approvedQuote("BJ-HD", customerName, new BigDecimal("12345.00")), "liwei");
    }

    @Test
    void shouldDownloadTheArchivedPdfWithItsChecksumAndTheNumberAsFileName() {
        Contract contract = issued("林晓雨");
        assertThat(contract.number()).matches("BJ-HD-" + Year.now(BusinessTime.ZONE) + "-\\d{5}");

        ResponseEntity<byte[]> download = http.withBasicAuth("fengyu", "demo")
                .getForEntity("/api/contracts/" + contract.id() + "/pdf", byte[].class);

        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(download.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo(contract.number() + ".pdf");
        byte[] pdf = download.getBody();
        assertThat(download.getHeaders().getFirst("X-Checksum-SHA256")).isEqualTo(ContractService.sha256(pdf))
                .isEqualTo(contract.sha256());
        assertThat(pdf).hasSize(contract.pdfSize());
        assertThat(PdfText.of(pdf)).contains("课程服务合同", "合同编号：" + contract.number(), "林晓雨",
                "甲方（服务方）：EnrollFlow教育培训中心北京海淀校区", "合同总价：¥12,345.00", "特批优惠：¥3,615.00（原因：老学员续费）",
                "第2期", PdfText.compact(ContractPdf.REFUND_FORMULA), "已消耗课时不予退还");
    }

    @Test
    void shouldShowAContractAndListTheContractsOfAnOpportunity() {
        Contract contract = issued("周子涵");
        Contract other = issued("吴一凡");

        JsonNode view = http.withBasicAuth("zhaomin", "demo")
                .getForObject("/api/contracts/" + contract.id(), JsonNode.class);
        assertThat(view.get("number").asText()).isEqualTo(contract.number());
        assertThat(view.get("status").asText()).isEqualTo("ISSUED");
        assertThat(view.get("statusLabel").asText()).isEqualTo("已签发");
        assertThat(view.get("finalPrice").decimalValue()).isEqualByComparingTo("12345.00");
        assertThat(view.get("quoteId").asLong()).isEqualTo(contract.quoteId());
        assertThat(view.get("sha256").asText()).isEqualTo(contract.sha256());

        contracts.cancel(contract.id(), "客户放弃报名", "sunqiang");
        JsonNode list = http.withBasicAuth("zhouhua", "demo")
                .getForObject("/api/contracts?opportunityId=" + contract.opportunityId(), JsonNode.class);
        assertThat(list.findValuesAsText("number")).containsExactly(contract.number()).doesNotContain(other.number());
        assertThat(list.get(0).get("statusLabel").asText()).isEqualTo("已作废");
        assertThat(list.get(0).get("cancelReason").asText()).isEqualTo("客户放弃报名");
        assertThat(list.get(0).get("cancelledBy").asText()).isEqualTo("sunqiang");
    }

    @Test
    void shouldKeepContractsFromTeachersCallCentreAndAnonymousCallersAndShowThemToAfterSales() {
        Contract contract = issued("郑可欣");
        String meta = "/api/contracts/" + contract.id();
        String pdf = meta + "/pdf";

        for (String user : new String[] {"zhengkai", "zhangli"}) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity(meta, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(http.withBasicAuth(user, "demo").getForEntity(pdf, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/contracts?opportunityId="
                    + contract.opportunityId(), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(http.getForEntity(meta, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity(pdf, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity(pdf, byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // who takes the family's after-sales requests reads the contract and its ledger first, of their campus only
        for (String user : new String[] {"chenxi", "wuting"}) {
            ResponseEntity<JsonNode> read = http.withBasicAuth(user, "demo").getForEntity(meta, JsonNode.class);
            assertThat(read.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(read.getBody().get("number").asText()).isEqualTo(contract.number());
        }
        for (String user : new String[] {"taoran", "dingning"}) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity(meta, String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownContract() {
        ResponseEntity<JsonNode> meta = http.withBasicAuth("liwei", "demo")
                .getForEntity("/api/contracts/987654321", JsonNode.class);
        ResponseEntity<JsonNode> pdf = http.withBasicAuth("liwei", "demo")
                .getForEntity("/api/contracts/987654321/pdf", JsonNode.class);

        assertThat(meta.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(meta.getBody().get("detail").asText()).contains("没有合同 987654321");
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldRefuseToHandOutAnArchivedPdfThatNoLongerMatchesItsChecksum() {
        Contract contract = issued("何思远");
        byte[] pdf = contracts.document(contract.id()).pdf();
        pdf[pdf.length / 2] ^= 0x01;
        jdbc.sql("update contract_document set pdf = ? where contract_id = ?").params(pdf, contract.id()).update();

        ResponseEntity<JsonNode> download = http.withBasicAuth("fengyu", "demo")
                .getForEntity("/api/contracts/" + contract.id() + "/pdf", JsonNode.class);

        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(download.getBody().get("title").asText()).isEqualTo("合同文件已损坏");
        assertThat(download.getBody().get("detail").asText()).contains(contract.number(), "校验失败");
    }
}
