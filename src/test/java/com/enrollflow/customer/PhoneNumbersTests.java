package com.enrollflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTests {

    private final PhoneNumbers phones = new PhoneNumbers("CN");

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "+8613800138000",
            "008613800138000", " 138.0013.8000 "})
    void shouldNormaliseEverySpellingOfAMobileNumberToE164(String raw) {
        assertThat(phones.normalise(raw)).contains("+8613800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1380013800", "138001380001", "abc", "+86 000 0000 0000", "23800138000"})
    void shouldRejectWhatIsNotAPhoneNumber(String raw) {
        assertThat(phones.normalise(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"010-6255 1234", "(010) 62551234"})
    void shouldAcceptBeijingLandlines(String raw) {
        assertThat(phones.normalise(raw)).contains("+861062551234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+8613800138000"})
    void shouldDisplayHomeNumbersInNationalFormat(String e164) {
        assertThat(phones.display(e164)).isEqualTo("138 0013 8000");
    }
}
