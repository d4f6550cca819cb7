package com.enrollflow.survey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import com.enrollflow.common.CorrelationIds;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.opportunity.Families;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The families' survey page (满意度调查), outside the authenticated API: no login, the link's token is the only key.
 * One small server-rendered page (phones first, Chinese), every value HTML-escaped, no script; its own
 * Content-Security-Policy allows only its stylesheet and posting to itself. It names no person of the family.
 * A failure is a page too, never the API's JSON: a submission that met a concurrent change shows the form again with
 * what the family chose (nothing stored, asked to send it again); anything else says the page failed, with the number
 * of its log entry to quote.
 */
@RestController
class SurveyPageController {

    static final String POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private static final List<String[]> QUESTIONS = List.of(new String[] {"teacherRating", "老师"},
            new String[] {"courseRating", "课程"}, new String[] {"serviceRating", "校区服务"});
    private static final String[] SCALE = {"很不满意", "不满意", "一般", "满意", "非常满意"};
    private static final Logger log = LoggerFactory.getLogger(SurveyPageController.class);

    private final Surveys surveys;
    private final Families families;

    SurveyPageController(Surveys surveys, Families families) {
        this.surveys = surveys;
        this.families = families;
    }

    @GetMapping(value = "/survey/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String token) {
        Surveys.Page page = surveys.page(token);
        return page.state() == Surveys.State.OPEN
                ? html(HttpStatus.OK, form(token, page.survey(), Map.of(), Map.of(), null)) : closed(page);
    }

    @PostMapping(value = "/survey/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answer(@PathVariable String token, @RequestParam Map<String, String> form) {
        Surveys.Answer answer = new Surveys.Answer(form.get("teacherRating"), form.get("courseRating"),
                form.get("serviceRating"), form.get("comment"));
        Surveys.Page before = surveys.page(token);
        if (before.state() == Surveys.State.ANSWERED) {
            return submittedBefore();
        }
        try {
            Surveys.Page after = surveys.answer(token, answer);
            if (after.state() == Surveys.State.RECEIVED) {
                return html(HttpStatus.OK, message("感谢您的评价", "您的评价已提交。我们会认真阅读每一条意见，"
                        + "如有需要，校区的客服老师会与您联系。"));
            }
            return after.state() == Surveys.State.ANSWERED ? submittedBefore() : closed(after);
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.putIfAbsent(p.field(), p.message());
            }
            return html(HttpStatus.BAD_REQUEST, form(token, before.survey(), form, errors, "提交内容有误，请检查标红的项目。"));
        } catch (ConcurrencyFailureException e) {
            // rolled back: stored by another submission meanwhile, or nothing stored and the family sends it again
            log.warn("survey {}: concurrent change on answering: {}", before.survey().id(), e.toString());
            Surveys.Page now = surveys.page(token);
            return now.state() == Surveys.State.ANSWERED ? submittedBefore()
                    : html(HttpStatus.CONFLICT, form(token, before.survey(), form, Map.of(),
                            "系统繁忙，您的评价还没有提交成功。您的选择已保留，请再点一次“提交评价”。"));
        }
    }

    /** Any other failure of this page: a page in Chinese with the number of the log entry, never the API's JSON. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failed(Exception e, HttpServletRequest request) {
        String id = CorrelationIds.next();
        log.error("unexpected error [{}] on {} /survey/{token}", id, request.getMethod(), e);
        return html(HttpStatus.INTERNAL_SERVER_ERROR, message("页面暂时无法使用", "抱歉，系统暂时出现问题，"
                + "请稍后重新打开邮件中的链接；如仍无法使用，请联系校区并告知错误编号 " + id + "。"));
    }

    /** A second submission (a double tap, another phone, a link used again): the first one counts. */
    private ResponseEntity<String> submittedBefore() {
        return html(HttpStatus.OK, message("已收到您的评价", "这份问卷您已经提交过了，以第一次提交的评价为准，谢谢！"));
    }

    private ResponseEntity<String> closed(Surveys.Page page) {
        return switch (page.state()) {
            case ANSWERED -> html(HttpStatus.OK, message("已收到您的评价", "这份问卷您已经提交过了，谢谢！"));
            case EXPIRED -> html(HttpStatus.GONE, message("问卷链接已过期", "问卷链接的有效期为 14 天，这个链接已经过期。"
                    + "感谢您的关注，如有意见欢迎直接联系校区。"));
            default -> html(HttpStatus.NOT_FOUND, message("问卷链接无效", "这个链接无效。请使用邮件中的完整链接打开问卷；"
                    + "如有疑问请联系校区。"));
        };
    }

    /** The form with the family's {@code values}, each field's error, and {@code alert} above it (null: none). */
    private String form(String token, Survey s, Map<String, String> values, Map<String, String> errors,
            String alert) {
        StringBuilder b = new StringBuilder();
        String campus = families.of(s.opportunityId()).campusName();
        b.append("<h1>").append(esc(campus)).append(" 满意度调查</h1>");
        b.append("<p class=\"lead\">").append("家长您好！感谢您选择我们。请为").append(esc(s.occasionLabel()))
                .append("的体验打分（1 分很不满意，5 分非常满意），大约需要 1 分钟。</p>");
        if (alert != null) {
            b.append("<p class=\"summary\" role=\"alert\">").append(esc(alert)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/survey/").append(esc(token)).append("\">");
        for (String[] q : QUESTIONS) {
            String field = q[0];
            String title = "teacherRating".equals(field) && s.teacherName() != null
                    ? "老师（" + s.teacherName() + "）" : q[1];
            b.append("<fieldset").append(errors.containsKey(field) ? " aria-invalid=\"true\"" : "")
                    .append("><legend>").append(esc(title)).append("</legend><div class=\"scale\">");
            for (int v = 1; v <= 5; v++) {
                String id = field + "-" + v;
                b.append("<label for=\"").append(id).append("\"><input type=\"radio\" id=\"").append(id)
                        .append("\" name=\"").append(field).append("\" value=\"").append(v).append("\"")
                        .append(String.valueOf(v).equals(values.get(field)) ? " checked" : "").append("><b>").append(v)
                        .append("</b>").append(SCALE[v - 1]).append("</label>");
            }
            b.append("</div>");
            if (errors.containsKey(field)) {
                b.append("<p class=\"error\" id=\"").append(field).append("-error\">").append(esc(errors.get(field)))
                        .append("</p>");
            }
            b.append("</fieldset>");
        }
        b.append("<fieldset><label class=\"block\" for=\"comment\">意见和建议（选填）</label><textarea id=\"comment\" "
                + "name=\"comment\" maxlength=\"1000\">").append(esc(values.getOrDefault("comment", "")))
                .append("</textarea>");
        if (errors.containsKey("comment")) {
            b.append("<p class=\"error\" id=\"comment-error\">").append(esc(errors.get("comment"))).append("</p>");
        }
        b.append("</fieldset><button type=\"submit\">提交评价</button></form>");
        return page("满意度调查", b.toString());
    }

    private static String message(String title, String text) {
        return page(title, "<div class=\"done\"><h1>" + esc(title) + "</h1><p>" + esc(text) + "</p></div>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
                + esc(title) + "</title><link rel=\"stylesheet\" href=\"/survey-assets/survey.css\"></head><body><main>"
                + body + "</main></body></html>";
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer").body(body);
    }
}
