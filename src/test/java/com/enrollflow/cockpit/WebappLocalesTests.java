package com.enrollflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Chinese of Tasklist, Cockpit, Admin and Welcome (webjars/camunda/app/{app}/locales/zh.json) against the English
 * it translates: every key is one the app has, and every translation keeps the placeholders ({{name}}) and markup the
 * app fills in, so no page shows a raw {{…}} or loses a value. And the tabs a director meets on a process instance
 * or definition in Cockpit (人工任务, 作业, 外部任务, 作业定义) and a history time to live (365 天) are Chinese.
 */
class WebappLocalesTests {

    private static final Path APPS = Path.of("src/main/resources/META-INF/resources/webjars/camunda/app");
    /** A placeholder, or an HTML element the app renders (not a word in angle brackets such as <undefined>). */
    private static final Pattern FILLED = Pattern.compile(
            "\\{\\{\\s*[\\w.]+\\s*\\}\\}|</?(a|b|br|code|div|em|i|li|p|span|strong|ul)\\b[^>]*>");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> labels(String app, String locale) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(APPS.resolve(app + "/locales/" + locale + ".json")));
        return JSON.convertValue(root.has("labels") ? root.get("labels") : root, new TypeReference<>() {
        });
    }

    private static List<String> filled(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = FILLED.matcher(text);
        while (m.find()) {
            found.add(m.group().replaceAll("\\s", ""));
        }
        found.sort(null);
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void shouldTranslateOnlyKeysTheAppHasKeepingWhatItFillsIn(String app) throws IOException {
        Map<String, String> english = labels(app, "en");
        Map<String, String> chinese = labels(app, "zh");
        assertThat(english.keySet()).as(app + ": every Chinese key is the app's").containsAll(chinese.keySet());
        List<String> broken = new ArrayList<>();
        chinese.forEach((key, text) -> {
            if (!filled(english.get(key)).equals(filled(text))) {
                broken.add(key + ": " + english.get(key) + " → " + text);
            }
        });
        assertThat(broken).as(app + ": placeholders and markup kept").isEmpty();
    }

    /**
     * Every label the app's own scripts name (the Community webjar on the classpath: the app's bootstrap, its plugins,
     * which Welcome has none of, and the shared widgets) has its Chinese, so no page of the app, such as Cockpit's
     * 批量操作 or Admin's first-user setup, falls back to English. The English file also holds the labels of
     * Enterprise pages, which these scripts never name; those need none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void shouldTranslateEveryLabelTheAppsScriptsName(String app) throws IOException {
        String scripts = script("META-INF/resources/webjars/camunda/app/" + app + "/camunda-" + app + "-bootstrap.js")
                + script("META-INF/resources/webjars/camunda/lib/deps.js")
                + (app.equals("welcome") ? "" : script("META-INF/resources/plugin/" + app + "/app/plugin.js"));
        Set<String> named = new HashSet<>();
        Matcher word = Pattern.compile("\\b[A-Z][A-Z0-9_]+\\b").matcher(scripts);
        while (word.find()) {
            named.add(word.group());
        }
        Map<String, String> chinese = labels(app, "zh");
        List<String> untranslated = labels(app, "en").entrySet().stream()
                .filter(label -> !chinese.containsKey(label.getKey()) && named.contains(label.getKey()))
                .map(label -> label.getKey() + ": " + label.getValue())
                .toList();
        assertThat(untranslated).as(app + ": labels its scripts name without Chinese").isEmpty();
    }

    private static String script(String resource) throws IOException {
        try (var in = WebappLocalesTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldSpeakChineseOnTheCockpitTabsADirectorMeets() throws IOException {
        Map<String, String> chinese = labels("cockpit", "zh");
        assertThat(new TreeSet<>(List.of(chinese.get("PLUGIN_USER_TASKS_LABEL"), chinese.get("PLUGIN_JOBS_LABEL"),
                chinese.get("PLUGIN_EXTERNAL_TASKS_LABEL"), chinese.get("PLUGIN_JOB_DEFINITION_LABEL"),
                chinese.get("DECISION_DEFINITION_LABEL"))))
                .containsExactlyInAnyOrder("人工任务", "作业", "外部任务", "作业定义", "决策实例");
        assertThat(chinese.get("TIME_TO_LIVE_DAYS")).isEqualTo("{{ttl}} 天");
    }

    /** 我的资料 in every header opens Welcome's profile page, where staff change their password: all of it Chinese. */
    @Test
    void shouldSpeakChineseOnTheProfilePageWhereStaffChangeTheirPassword() throws IOException {
        Map<String, String> english = labels("welcome", "en");
        Map<String, String> chinese = labels("welcome", "zh");
        assertThat(chinese.keySet()).as("every key of Welcome").containsAll(english.keySet());
        assertThat(List.of(chinese.get("CHANGE_PASSWORD"), chinese.get("CURRENT_PASSWORD"), chinese.get("NEW_PASSWORD"),
                chinese.get("CONFIRM_NEW_PASSWORD"), chinese.get("PASSWORD_NOT_MATCHING")))
                .containsExactly("修改密码", "当前密码", "新密码", "确认新密码", "新密码与确认密码不一致。");
    }
}
