package com.enrollflow.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Error answers of the engine REST API ({@code /engine-rest}) and the webapps' API ({@code /camunda/api}) keep
 * Camunda's documented {@code type} (e.g. {@code InvalidRequestException}) and {@code code}, but never internal
 * details: a server error (5xx) answers a generic message with a correlation id (the original goes to the log), a
 * client error (4xx) keeps its message with fully qualified class names cut to their simple name, and a refused form
 * answers only its own message ({@code 提交内容有误：实收金额：…}, without the REST API's "Cannot complete task …: "),
 * with 400 also where the REST API would answer it with 500 ({@code /start}).
 * Successful answers pass through unbuffered.
 */
@Component
class EngineErrorBodies extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EngineErrorBodies.class);

    /** e.g. org.camunda.bpm.engine.impl.TaskQueryImpl, java.lang.NumberFormatException → the simple name. */
    static final Pattern QUALIFIED_CLASS = Pattern.compile(
            "\\b(?:java|javax|jakarta|org|com|sun|jdk|io|net)\\.(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    /**
     * "Cannot complete task 4800a955-…: " before a refused form's own message: the REST API's wording, not the
     * staff's; Tasklist prints the message as it comes, so the field and the problem are all that is left. Our
     * refusals: a form's (提交内容有误：…) and a suspended process's (无法办理：流程“课消后续跟进”已被暂停…).
     */
    static final Pattern REST_PREFIX_OF_REFUSAL = Pattern.compile(
            "^Cannot (?:complete task|submit task form|instantiate process definition) \\S+: (?=提交内容有误：|无法办理：)");

    /**
     * The engine's failure when a task asked for (claimed, completed, submitted) no longer exists: answered 500 by the
     * REST API, but it is what a double click, a second window or a colleague who was quicker leads to.
     */
    static final Pattern TASK_GONE = Pattern.compile("Cannot find task with id (\\S+): task is null");

    /** What staff read then: the task is done or gone, and what to do. */
    static final String TASK_GONE_MESSAGE = "该任务已办理完成或已不存在（重复提交、在另一窗口已办理，或同事已办理），请刷新任务列表";

    /** The engine's failure when the instance (execution) asked for does not exist: answered 500 by the REST API. */
    static final Pattern INSTANCE_GONE = Pattern.compile("^execution \\S+ doesn't exist: execution is null");

    static final String INSTANCE_GONE_MESSAGE = "该流程实例已结束或不存在，请刷新后重试";

    /** Camunda's claim of a task someone else claimed first: answered 500 by the REST API, a race between colleagues. */
    static final String TASK_TAKEN_TYPE = "TaskAlreadyClaimedException";

    static final String TASK_TAKEN_MESSAGE = "无法领取：该任务刚刚已被他人领取，请刷新任务列表";

    /**
     * The engine's refusal of a right the user lacks: some REST resources answer it with 500 (a decision table opened
     * in Cockpit by a role that may not read it, the exception's class name before the message), others with 403.
     */
    static final Pattern NOT_PERMITTED = Pattern.compile(
            "(?s)^(?:[\\w.$]+Exception: )?The user with id '[^']*' does not have .*");

    /** The metrics' own page limit (200 rows), which the REST API answers with 500 when a query asks for more. */
    static final Pattern METRICS_PAGE = Pattern.compile(
            "(?s)^(?:[\\w.$]+Exception: )?Metrics interval query row limit can't be set larger than (\\d+)\\.?.*");

    /**
     * The engine's refusal of a new password that breaks the password policy (密码策略, decision 658): answered 500 by
     * the REST API (user create, credentials), though the user chose the password.
     */
    static final Pattern PASSWORD_POLICY = Pattern.compile(
            "(?s)^(?:[\\w.$]+Exception: )?Password does not match policy.*");

    /**
     * What the user reads then: the field and every rule of the engine's default policy, as the webapps list them
     * beside the password field (PasswordChangeTests reads the policy the engine publishes against these words).
     */
    static final String PASSWORD_POLICY_MESSAGE = "密码（password）不符合密码策略：至少 10 个字符、至多 128 个字符，"
            + "含大写字母、小写字母、数字和特殊字符各至少 1 个，且不得包含用户名、姓名或邮箱";

    /**
     * A 400 that says nothing (the REST API's JSON reader gives up on a malformed or oversized body without a word):
     * what the user can do about it.
     */
    static final String UNREADABLE = "请求内容无法读取：JSON 格式不正确或内容过长";

    /**
     * The engine's English words for a client's mistake that staff and process owners meet (a right their role lacks,
     * a query Tasklist or a script sends without a page size), said in Chinese; other 4xx messages keep their words.
     */
    static final List<Map.Entry<Pattern, String>> IN_CHINESE = List.of(
            Map.entry(NOT_PERMITTED, "无权操作：您的角色没有此操作的权限"),
            Map.entry(METRICS_PAGE, "每次最多返回 $1 条（maxResults）"),
            Map.entry(PASSWORD_POLICY, PASSWORD_POLICY_MESSAGE),
            // a password change (the profile page, Admin's 账户 tab) proves the changer's own password first
            Map.entry(Pattern.compile("^The given authenticated user password is not valid\\.?"),
                    "当前密码（authenticatedUserPassword）不正确：请输入您本人登录用的密码"),
            Map.entry(Pattern.compile("^The user already exists\\.?$"), "用户 ID（id）已存在：请换一个用户 ID"),
            Map.entry(Pattern.compile("^An unbound number of results is forbidden!?"),
                    "请用 maxResults 指定返回条数（每次最多 2000 条）"),
            Map.entry(Pattern.compile("^Max results limit of (\\d+) exceeded!?"), "每次最多返回 $1 条（maxResults）"),
            Map.entry(Pattern.compile("^(?:You should call any of the orderBy methods first|Invalid query: call asc\\(\\) "
                    + "or desc\\(\\)).*"), "排序无效：请检查排序字段（sortBy）与方向（sortOrder：asc 或 desc）"),
            Map.entry(Pattern.compile("(?s)^No matching task with id .*"), TASK_GONE_MESSAGE),
            // a typed value the REST API cannot convert (only a hand-made request sends one): the value and its type
            Map.entry(Pattern.compile("(?s)^(?:Cannot [^:]*: )?Cannot convert value '(.*)' of type '([^']*)' to "
                    + "java type .*"), "提交内容有误：值“$1”不是有效的 $2 类型的值"),
            Map.entry(Pattern.compile("(?s)^(?:Cannot [^:]*: )?Unsupported value type '([^']*)'.*"),
                    "提交内容有误：不支持的值类型“$1”（可用 String、Long、Double、Boolean、Date、Json）"),
            Map.entry(Pattern.compile("(?s)^Cannot correlate message '([^']*)'.*"),
                    "无法发送消息“$1”：没有流程在等待这条消息（可能已处理或已结束）"));

    /**
     * The engine's refusals of a caller's mistake that the REST API answers with 500: a new password that breaks the
     * password policy (the user chose it), a metrics page over its 200 rows.
     */
    static final List<Map.Entry<Pattern, String>> CALLERS_MISTAKES = List.of(
            Map.entry(PASSWORD_POLICY, "the new password breaks the password policy"),
            Map.entry(METRICS_PAGE, "the metrics page asked for is over its row limit"));

    /** What the caller did wrong, for the log, when the message is one of {@link #CALLERS_MISTAKES}; else null. */
    static String callersMistake(String message) {
        return CALLERS_MISTAKES.stream().filter(e -> e.getKey().matcher(message).find()).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The message in Chinese when it is one of {@link #IN_CHINESE}, else as it is. */
    static String inChinese(String message) {
        for (Map.Entry<Pattern, String> e : IN_CHINESE) {
            java.util.regex.Matcher m = e.getKey().matcher(message);
            if (m.find()) {
                return m.replaceFirst(e.getValue());
            }
        }
        return message;
    }

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !engineApi(request);
    }

    /** A request to the engine REST API or the webapps' API (Tasklist's, Cockpit's). */
    static boolean engineApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(request, capture);
        capture.finish(request);
    }

    static String redact(String message) {
        return message == null ? null
                : QUALIFIED_CLASS.matcher(REST_PREFIX_OF_REFUSAL.matcher(message).replaceFirst("")).replaceAll("$1");
    }

    /** Whether an engine error's message is our refusal of a submitted field behind the REST API's wording. */
    static boolean refusal(String message) {
        return REST_PREFIX_OF_REFUSAL.matcher(message).find();
    }

    private final class ErrorCapture extends HttpServletResponseWrapper {

        private ByteArrayOutputStream buffer;
        private ServletOutputStream stream;
        private PrintWriter writer;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        private boolean capturing() {
            if (buffer == null && getStatus() >= 400) {
                buffer = new ByteArrayOutputStream();
            }
            return buffer != null;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!capturing()) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            if (buffer == null && getStatus() < 400) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (buffer == null && getStatus() < 400) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (buffer == null) {
                super.flushBuffer();
            }
        }

        void finish(HttpServletRequest request) throws IOException {
            if (buffer == null) {
                return;
            }
            if (writer != null) {
                writer.flush();
            }
            byte[] body = rewrite(request, buffer.toByteArray());
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        private byte[] rewrite(HttpServletRequest request, byte[] body) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (IOException notJson) {
                node = null;
            }
            if (!(node instanceof ObjectNode error)) {
                // not Camunda's error JSON (e.g. an HTML page): nothing of it is shown
                return body.length == 0 ? body : plain(request, new String(body, StandardCharsets.UTF_8));
            }
            if (getStatus() >= 500 && refusal(error.path("message").asText())) {
                // the REST API's /start answers every engine exception with 500, our refusal of a field too: it is
                // the user's mistake, named, as submit-form answers it
                setStatus(HttpServletResponse.SC_BAD_REQUEST);
                error.put("type", "InvalidRequestException");
            }
            if (getStatus() >= 500 && TASK_GONE.matcher(error.path("message").asText()).find()) {
                // not a fault of the server: the task was done meanwhile; said as Tasklist shows it, no id to report
                log.info("{} {}: the task is gone ({})", request.getMethod(), request.getRequestURI(),
                        error.path("message").asText());
                setStatus(HttpServletResponse.SC_NOT_FOUND);
                error.put("type", "InvalidRequestException");
                error.put("message", TASK_GONE_MESSAGE);
            } else if (getStatus() >= 500 && INSTANCE_GONE.matcher(error.path("message").asText()).find()) {
                // the variables of an instance that ended or never was: the caller's mistake, not the server's
                setStatus(HttpServletResponse.SC_NOT_FOUND);
                error.put("type", "InvalidRequestException");
                error.put("message", INSTANCE_GONE_MESSAGE);
            } else if (getStatus() >= 500 && NOT_PERMITTED.matcher(error.path("message").asText()).find()) {
                // a right the role lacks is the answer 403, not a fault of the server
                log.info("{} {}: not permitted ({})", request.getMethod(), request.getRequestURI(),
                        error.path("message").asText());
                setStatus(HttpServletResponse.SC_FORBIDDEN);
                error.put("type", "AuthorizationException");
            } else if (getStatus() >= 500 && callersMistake(error.path("message").asText()) != null) {
                // the caller's mistake, not the server's: said in Chinese below (IN_CHINESE); nothing was stored
                log.info("{} {}: {}", request.getMethod(), request.getRequestURI(),
                        callersMistake(error.path("message").asText()));
                setStatus(HttpServletResponse.SC_BAD_REQUEST);
                error.put("type", "InvalidRequestException");
            } else if (getStatus() >= 500 && TASK_TAKEN_TYPE.equals(error.path("type").asText())) {
                // two colleagues claimed one task at once: the other one has it
                log.info("{} {}: the task was claimed first by someone else", request.getMethod(),
                        request.getRequestURI());
                setStatus(HttpServletResponse.SC_CONFLICT);
                error.put("message", TASK_TAKEN_MESSAGE);
            }
            if (getStatus() >= 500) {
                String id = CorrelationIds.next();
                log.error("{} {} answered {} [{}]: {}", request.getMethod(), request.getRequestURI(), getStatus(), id,
                        error.path("message").asText());
                error.put("message", CorrelationIds.message(id));
                error.put("correlationId", id);
            } else if (error.hasNonNull("message")) {
                error.put("message", inChinese(redact(error.get("message").asText())));
            }
            if (getStatus() == HttpServletResponse.SC_BAD_REQUEST && error.path("message").asText("").isBlank()
                    && error.path("detail").asText("").isBlank()) {
                // nothing said at all (a problem of our own, such as the board's, says it in detail)
                error.put("message", UNREADABLE);
            }
            error.remove("stackTrace");
            try {
                return json.writeValueAsBytes(error);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A plain-text error (e.g. the JSON parser's): its redacted text for a 4xx, nothing of it for a 5xx. */
        private byte[] plain(HttpServletRequest request, String original) {
            ObjectNode error = json.createObjectNode();
            if (getStatus() >= 500) {
                String id = CorrelationIds.next();
                log.error("{} {} answered {} [{}]: {}", request.getMethod(), request.getRequestURI(), getStatus(), id,
                        original);
                error.put("type", "ServerError");
                error.put("message", CorrelationIds.message(id));
                error.put("correlationId", id);
            } else {
                error.put("type", "InvalidRequestException");
                String text = redact(original.strip());
                error.put("message", text.isEmpty() && getStatus() == HttpServletResponse.SC_BAD_REQUEST ? UNREADABLE
                        : text.length() > 300 ? text.substring(0, 300) + "…" : text);
            }
            setContentType("application/json");
            return error.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
