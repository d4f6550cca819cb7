package com.enrollflow.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;
import com.enrollflow.common.LabelIndex;

/**
 * Every code of every coded type, found by scanning the application's classes (a new enum or a new value cannot be
 * forgotten), is read back from its code, its label and its aliases, in any case and width, with spaces around.
 */
class CodedLabelsTests {

    /** Every enum of the application that implements Coded. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Class<? extends Enum>> codedTypes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Coded.class));
        List<Class<? extends Enum>> types = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("com.enrollflow")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                if (type.isEnum()) {
                    types.add((Class<? extends Enum>) type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return types;
    }

    static Stream<Arguments> everyValue() {
        return codedTypes().stream().flatMap(type -> Stream.of(type.getEnumConstants())
                .map(value -> Arguments.of(type.getSimpleName() + "." + ((Enum<?>) value).name(), type, value)));
    }

    @Test
    void shouldFindEveryCodedTypeEachWithTheWordStaffUseForIt() {
        assertThat(codedTypes()).contains(Grade.class, Channel.class, Subject.class, ProductLine.class,
                TeacherLevel.class, com.enrollflow.payment.PaymentMethod.class,
                com.enrollflow.payment.InstallmentPlan.class, com.enrollflow.consultation.TestLevel.class,
                com.enrollflow.opportunity.IntentLevel.class, com.enrollflow.opportunity.Budget.class,
                com.enrollflow.opportunity.StartPlan.class, com.enrollflow.assignment.AssignmentStrategy.class,
                com.enrollflow.assignment.MemberStatus.class);
        for (var type : codedTypes()) {
            assertThat(type.getAnnotation(CodeName.class)).as(type.getSimpleName() + " has @CodeName").isNotNull();
            assertThat(Coded.noun(type)).isNotBlank().doesNotContain("代码");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyValue")
    void shouldReadEveryValueFromItsCodeItsLabelAndItsAliases(String name, Class<?> type, Coded value) {
        List<String> words = new ArrayList<>(LabelIndex.words(value));
        assertThat(value.label()).as("a Chinese label").isNotBlank().isNotEqualTo(value.name());
        for (String word : words) {
            assertThat(parse(type, word)).as(word).contains(value);
            assertThat(parse(type, "  " + word + "\u3000")).as("spaces around " + word).contains(value);
            assertThat(parse(type, word.toLowerCase(java.util.Locale.ROOT))).as("lower case " + word)
                    .contains(value);
            assertThat(parse(type, fullWidth(word))).as("full width " + word).contains(value);
        }
        assertThat(allowed(type)).contains(value.label());
    }

    @ParameterizedTest(name = "{0} is {1}.{2}")
    @CsvSource({
            "初二, Grade, J2", "初中二年级, Grade, J2", "八年级, Grade, J2", "J2, Grade, J2", "Ｊ２, Grade, J2",
            "j2, Grade, J2", "初三, Grade, J3", "九年级, Grade, J3", "一年级, Grade, P1", "高三, Grade, S3",
            "一对一, ProductLine, ONE_ON_ONE", "1对1, ProductLine, ONE_ON_ONE", "１对１, ProductLine, ONE_ON_ONE",
            "1v1, ProductLine, ONE_ON_ONE", "1V1, ProductLine, ONE_ON_ONE", "一对一辅导, ProductLine, ONE_ON_ONE",
            "1：1, ProductLine, ONE_ON_ONE", "班课, ProductLine, CLASS", "小班, ProductLine, CLASS",
            "电话, Channel, PHONE", "电话接访, Channel, PHONE", "phone, Channel, PHONE", "直访, Channel, WALK_IN",
            "数学, Subject, MATH", "数, Subject, MATH", "英语, Subject, ENGLISH", "高级教师, TeacherLevel, SENIOR"})
    void shouldReadTheVariantsStaffWrite(String word, String typeName, String code) throws Exception {
        Class<?> type = Class.forName("com.enrollflow.reference." + typeName);
        assertThat(parse(type, word)).map(v -> ((Enum<?>) v).name()).contains(code);
    }

    @Test
    void shouldRefuseUnknownWordsListingTheChoicesAsStaffKnowThem() {
        assertThat(Coded.parse(Grade.class, "初九")).isEmpty();
        assertThat(Coded.parse(Grade.class, "")).isEmpty();
        assertThat(Coded.parse(Grade.class, null)).isEmpty();
        assertThat(Coded.parse(Subject.class, "数学课")).isEmpty();
        assertThat(Coded.unknown(Grade.class, "初九")).isEqualTo("未知的年级“初九”，可选：学前、小学一年级、小学二年级、小学三年级、"
                + "小学四年级、小学五年级、小学六年级、初一、初二、初三、高一、高二、高三");
        assertThat(Coded.unknown(Channel.class, " 飞鸽传书 ")).isEqualTo("未知的渠道“飞鸽传书”，可选：电话接访、在线接访、"
                + "在线自主留存、直访、市场活动、渠道合作、转介绍、其他业务部门转入");
    }

    @Test
    void shouldNameACampusByItsCodeItsNameAndItsShortNames() {
        Campus haidian = new Campus("BJ-HD", "北京海淀校区", "北京");
        assertThat(Campuses.words(haidian)).containsExactlyInAnyOrder("BJ-HD", "BJHD", "北京海淀校区", "海淀校区",
                "北京海淀", "海淀");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static java.util.Optional<Object> parse(Class<?> type, String word) {
        return (java.util.Optional) Coded.parse((Class) type, word);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static String allowed(Class<?> type) {
        return Coded.allowed((Class) type);
    }

    /** The word as typed with a Chinese input method in full-width mode: ASCII letters, digits and ":" full width. */
    static String fullWidth(String word) {
        StringBuilder out = new StringBuilder();
        word.chars().forEach(c -> out.append(c > 0x20 && c < 0x7f ? (char) (c + 0xFEE0) : (char) c));
        return out.toString();
    }
}
