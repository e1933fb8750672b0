package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DateMathTest {
    @Test
    void durationsAndLookBacks() {
        assertThat(DateMath.duration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DateMath.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DateMath.duration("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(DateMath.duration("10")).isNull();
        assertThat(DateMath.duration("1M")).isNull();
        assertThat(DateMath.lookBack("now-10d")).isEqualTo(Duration.ofDays(10));
        assertThat(DateMath.lookBack("now-6m")).isEqualTo(Duration.ofMinutes(6));
        assertThat(DateMath.lookBack("now+6m")).isNull();
        assertThat(DateMath.lookBack("10d")).isNull();
    }
}
