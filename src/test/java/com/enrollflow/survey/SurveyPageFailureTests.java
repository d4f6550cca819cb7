package com.enrollflow.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;

/**
 * What a family's phone shows when the survey page itself fails: the database refused (a lost connection, a lock the
 * answer could not get). Failures no request of a test can cause on a healthy database are injected into the page's
 * two collaborators; the working page is shown end to end in {@link SurveyProcessTests}.
 */
class SurveyPageFailureTests {

    private static final String TOKEN = "t0k3n-of-the-link";

    private final Surveys surveys = mock(Surveys.class);
    private final Families families = mock(Families.class);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SurveyPageController(surveys, families)).build();

    private static Surveys.Page open() {
        OffsetDateTime now = OffsetDateTime.now();
        Survey s = new Survey(7, 3, 5, 9, "BJ-HD", null, null, SurveyOccasion.AFTER_THIRD_LESSON, "第三次课后", now,
                now.plusDays(14), now, null, null, null, null, null);
        return new Surveys.Page(Surveys.State.OPEN, s);
    }

    private MockHttpServletResponse submit() throws Exception {
        return mvc.perform(post("/survey/" + TOKEN).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("teacherRating", "4").param("courseRating", "5").param("serviceRating", "3")
                .param("comment", "老师很耐心")).andReturn().getResponse();
    }

    @Test
    void shouldShowTheFormAgainWithTheFamilysChoicesWhenTheirAnswerMetAConcurrentChange() throws Exception {
        when(surveys.page(TOKEN)).thenReturn(open());
        when(families.of(anyLong())).thenReturn(new FamilyContact("王家长", null, "北京海淀校区"));
        when(surveys.answer(any(), any())).thenThrow(new CannotAcquireLockException("lock wait timed out"));

        MockHttpServletResponse page = submit();

        assertThat(page.getStatus()).isEqualTo(409);
        assertThat(page.getContentType()).startsWith("text/html");
        String html = page.getContentAsString();
        assertThat(html).contains("还没有提交成功", "请再点一次“提交评价”")
                .contains("id=\"teacherRating-4\" name=\"teacherRating\" value=\"4\" checked")
                .contains("id=\"courseRating-5\" name=\"courseRating\" value=\"5\" checked")
                .contains("id=\"serviceRating-3\" name=\"serviceRating\" value=\"3\" checked").contains(">老师很耐心<")
                .doesNotContain("提交内容有误", "aria-invalid");
    }

    @Test
    void shouldThankOnceWhenAnotherSubmissionStoredTheAnswerMeanwhile() throws Exception {
        Surveys.Page answered = new Surveys.Page(Surveys.State.ANSWERED, open().survey());
        when(surveys.page(TOKEN)).thenReturn(open(), answered);
        when(surveys.answer(any(), any())).thenThrow(new CannotAcquireLockException("deadlock"));

        MockHttpServletResponse page = submit();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("以第一次提交的评价为准").doesNotContain("<form");
    }

    @Test
    void shouldAnswerAFailureWithAChinesePageAndItsErrorNumberNeverJsonOrTheCause() throws Exception {
        when(surveys.page(TOKEN)).thenThrow(new DataAccessResourceFailureException("Connection refused: db01:5432"));

        for (MockHttpServletResponse page : new MockHttpServletResponse[] {
            mvc.perform(get("/survey/" + TOKEN).accept(MediaType.TEXT_HTML, MediaType.ALL)).andReturn().getResponse(),
            submit()}) {
            assertThat(page.getStatus()).isEqualTo(500);
            assertThat(page.getContentType()).startsWith("text/html");
            assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(SurveyPageController.POLICY);
            String html = page.getContentAsString();
            assertThat(html).startsWith("<!doctype html>").contains("页面暂时无法使用")
                    .containsPattern("错误编号 [0-9a-f]{8}-[0-9a-f]{4}").doesNotContain("db01", "Connection", "{\"");
        }
    }
}
