package com.enrollflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.enrollflow.common.InputRules;

/** The student's birth date: what staff may type, and which day is the birthday (29 February: decision 476). */
class BirthDatesTests {

    @ParameterizedTest(name = "born {0}, today {1} -> {2}")
    @CsvSource({
            "2012-05-20, 2026-05-20, true",
            "2012-05-20, 2026-05-21, false",
            "2012-05-20, 2026-05-19, false",
            "2016-02-29, 2027-02-28, true",
            "2016-02-29, 2027-03-01, false",
            "2016-02-29, 2028-02-28, false",
            "2016-02-29, 2028-02-29, true",
            "2015-02-28, 2028-02-28, true",
            "2015-02-28, 2028-02-29, false",
            "2015-03-01, 2027-03-01, true"})
    void shouldGreetOnTheBirthdayAndALeapDayChildOnTheTwentyEighthInOtherYears(LocalDate born, LocalDate today,
            boolean birthday) {
        assertThat(BirthDates.isBirthday(born, today)).isEqualTo(birthday);
    }

    @Test
    void shouldHaveNoBirthdayWithoutABirthDate() {
        assertThat(BirthDates.isBirthday(null, LocalDate.of(2026, 5, 20))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "2012-05-20, 2012-05-20",
            "' 2012-05-20 ', 2012-05-20",
            "'', none",
            "2024-05-20, 2024-05-20",
            "1996-05-20, 1996-05-20",
            "1995-05-21, 1995-05-21",
            "2015/3/1, 2015-03-01",
            "2012/05/20, 2012-05-20",
            "2015.3.1, 2015-03-01",
            "2015年12月31日, 2015-12-31"})
    void shouldAcceptADateAsListsWriteItOfAStudentBetweenTwoAndThirty(String given, LocalDate expected) {
        InputRules rules = new InputRules();
        assertThat(BirthDates.parse(rules, "studentBirthDate", given, LocalDate.of(2026, 5, 20))).isEqualTo(expected);
        rules.throwIfAny();
    }

    @ParameterizedTest(name = "{0} refused")
    @CsvSource({"2012/2/30", "20/5/2012", "2012-13-01", "2026-05-21", "2024-05-21", "1995-05-20", "1900-01-01", "明天"})
    void shouldRefuseOtherFormatsTheFutureAndAbsurdAgesByField(String given) {
        InputRules rules = new InputRules();
        assertThat(BirthDates.parse(rules, "studentBirthDate", given, LocalDate.of(2026, 5, 20))).isNull();
        assertThat(rules.hasProblems()).isTrue();
    }
}
