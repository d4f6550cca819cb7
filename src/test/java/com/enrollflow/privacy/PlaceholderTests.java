package com.enrollflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.enrollflow.customer.PhoneNumbers;

/** The erased customer's phone placeholder never reads as a phone number, whatever the customer id's digits. */
class PlaceholderTests {

    private final PhoneNumbers phones = new PhoneNumbers("CN");

    @Test
    void shouldShowThePlaceholderAsItIsEvenWhenTheIdsDigitsFormAValidMobileNumber() {
        String placeholder = PersonalData.placeholderPhone(13800138000L);

        assertThat(placeholder).isEqualTo("ERASED-13800138000").doesNotStartWith("+")
                .hasSizeLessThanOrEqualTo(20); // customer.phone is varchar(20)
        assertThat(phones.display(placeholder)).isEqualTo(placeholder);
        assertThat(phones.display("+8613800138000")).isEqualTo("138 0013 8000");
    }

    @Test
    void shouldNameTheErasedCustomerByIdOnly() {
        assertThat(PersonalData.placeholderName(1001)).isEqualTo("已删除客户#1001");
    }
}
