package com.enrollflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which webapp queries name their page (the rest are asked for the limit's page: decision 653). */
class WebappQueryPageSizeTests {

    @Test
    void shouldReadThePageSizeAsTheRestApiReadsItsParameters() {
        assertThat(WebappQueryPageSize.asksForPageSize("key=a&sortBy=version&maxResults=5")).isTrue();
        assertThat(WebappQueryPageSize.asksForPageSize("max%52esults=5")).as("escaped").isTrue();
        assertThat(WebappQueryPageSize.asksForPageSize("maxResults")).as("without a value").isTrue();
        assertThat(WebappQueryPageSize.asksForPageSize(null)).isFalse();
        assertThat(WebappQueryPageSize.asksForPageSize("")).isFalse();
        assertThat(WebappQueryPageSize.asksForPageSize("maxResultsX=5&firstResult=0")).isFalse();
        assertThat(WebappQueryPageSize.asksForPageSize("key=%zz&%zz=1")).as("malformed: no exception").isFalse();
    }
}
