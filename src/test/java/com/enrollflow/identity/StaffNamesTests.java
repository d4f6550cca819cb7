package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A staff member's whole name from Camunda's two name fields, 姓 first (decision 693). */
class StaffNamesTests {

    @Test
    void shouldJoinAChineseNameWithoutASpaceFamilyNameFirst() {
        assertThat(StaffNames.whole("李", "伟")).isEqualTo("李伟");
        assertThat(StaffNames.whole("欧阳", "娜娜")).isEqualTo("欧阳娜娜");
        assertThat(StaffNames.whole(" 李 ", " 伟 ")).isEqualTo("李伟");
    }

    @Test
    void shouldKeepASpaceBetweenLatinParts() {
        assertThat(StaffNames.whole("Smith", "John")).isEqualTo("Smith John");
        assertThat(StaffNames.whole("李", "David")).isEqualTo("李David");
    }

    @Test
    void shouldTakeAWholeNameInOneFieldAsItIs() {
        // the demo's accounts before decision 693, and an account made through the API with one field
        assertThat(StaffNames.whole("李伟", "")).isEqualTo("李伟");
        assertThat(StaffNames.whole("李伟", null)).isEqualTo("李伟");
        assertThat(StaffNames.whole(null, "伟")).isEqualTo("伟");
        assertThat(StaffNames.whole(null, " ")).isEmpty();
    }
}
