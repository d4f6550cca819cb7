package com.enrollflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * E-mail through a real SMTP conversation with an in-process server (GreenMail on 127.0.0.1, at the port
 * application-test.yaml configures, 3025, or the test JVM's own, spring.mail.port, when two run at once): sent once,
 * and a server that keeps failing becomes a Cockpit incident while nothing else waits for it.
 */
@EnrollFlowTest
class NotificationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Integer.getInteger("spring.mail.port",
            ServerSetupTest.SMTP.getPort()), "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(true);

    @Autowired
    NotificationService notifications;
    @Autowired
    ProcessEngine engine;

    private Job sendJob(long notificationId) {
        String instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("notification-" + notificationId).singleResult().getId();
        return engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
    }

    @Test
    void shouldSendAChineseMailOnceThroughSmtp() throws Exception {
        String key = "test:" + Leads.newPhone();
        long id = notifications.enqueue(key, "ENROLLMENT_CONFIRMATION", "parent@example.com", "【北京海淀校区】报名成功确认",
                "王小明，您好：\n\n您已报名成功。");
        assertThat(notifications.enqueue(key, "ENROLLMENT_CONFIRMATION", "parent@example.com", "again", "again"))
                .isEqualTo(id);

        engine.getManagementService().executeJob(sendJob(id).getId());

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("【北京海淀校区】报名成功确认");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("parent@example.com");
        assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
        assertThat(notifications.find(id).orElseThrow().status()).isEqualTo("SENT");
        notifications.send(id);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldTurnAFailingMailServerIntoAnIncidentAndSendOnceItIsBack() {
        smtp.stop();
        long id = notifications.enqueue("test:" + Leads.newPhone(), "APPROVAL_REQUEST", "sunqiang@example.com",
                "【待审批】报价优惠", "请审批");
        Job job = sendJob(id);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                    .hasMessageContaining("Mail");
        }
        assertThat(engine.getRuntimeService().createIncidentQuery()
                .processInstanceId(job.getProcessInstanceId()).count()).isEqualTo(1);
        assertThat(notifications.find(id).orElseThrow().status()).isEqualTo("PENDING");

        // the operator fixes the mail server and retries the job in Cockpit
        smtp.start();
        engine.getManagementService().setJobRetries(job.getId(), 1);
        engine.getManagementService().executeJob(job.getId());
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(notifications.find(id).orElseThrow().status()).isEqualTo("SENT");
    }
}
