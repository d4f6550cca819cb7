package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * A refusal names a field as the form shows it; make-plan (制定方案与报价 / 制定续费方案) and collect-payment (收取学费)
 * compute some of their labels and options in FEEL for the process they are shown in (a renewal or not), and are
 * named by the first wording, taking either wording's options.
 */
class FormLabelsTests {

    @Test
    void shouldNameAFieldWhoseLabelAFormComputesByItsFirstWordingAndTakeEitherWordingOfItsOptions()
            throws IOException {
        FormLabels plan;
        try (var form = Files.newInputStream(Path.of("forms/make-plan.form"))) {
            plan = FormLabels.of(form);
        }
        assertThat(plan.label("lostReason")).isEqualTo("流失原因");
        assertThat(plan.label("planBasis")).isEqualTo("学员情况与入学测试");
        assertThat(plan.label("lessons")).as("a label as written").isEqualTo("购买课时");
        assertThat(plan.choice("planOutcome", "LOST")).isEqualTo("客户流失，关单");
        assertThat(plan.code("planOutcome", "家长放弃续费")).as("the renewal's wording").isEqualTo("LOST");
        assertThat(plan.code("planOutcome", "形成方案并报价")).isEqualTo("PLAN");
        assertThat(plan.code("planOutcome", "不存在的选项")).isNull();

        FormLabels collect;
        try (var form = Files.newInputStream(Path.of("forms/collect-payment.form"))) {
            collect = FormLabels.of(form);
        }
        assertThat(collect.choice("collectOutcome", "WITHDRAWN")).isEqualTo("客户放弃报名，作废合同");
        assertThat(collect.code("collectOutcome", "家长放弃续费，作废续费合同")).isEqualTo("WITHDRAWN");
    }

    @Test
    void shouldKeepTheWordsOfAStaticLabelAndNameNothingByAnExpressionWithoutText() throws IOException {
        FormLabels form = FormLabels.of(new ByteArrayInputStream("""
                {"components": [
                  {"type": "textfield", "key": "a", "label": " 实收金额 "},
                  {"type": "textfield", "key": "b", "label": "=someVariable"},
                  {"type": "radio", "key": "c", "label": "结果", "values": [{"label": "已联系上", "value": "REACHED"}]}
                ]}""".getBytes(StandardCharsets.UTF_8)));
        assertThat(form.label("a")).isEqualTo("实收金额");
        assertThat(form.label("b")).as("nothing to name it by: the key").isEqualTo("b");
        assertThat(form.choice("c", "REACHED")).isEqualTo("已联系上");
        assertThat(form.code("c", "已联系上")).isEqualTo("REACHED");
        assertThat(FormLabels.shown("=if x = null then \"甲\" else \"乙\"")).isEqualTo("甲");
    }
}
