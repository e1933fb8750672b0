package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalBudgetTest {
    @Test
    void intervalsParseAndNonsenseFallsBackToKibanasDefault() {
        assertThat(SignalBudget.intervalMillis("5m")).isEqualTo(300_000L);
        assertThat(SignalBudget.intervalMillis(" 1h ")).isEqualTo(3_600_000L);
        assertThat(SignalBudget.intervalMillis("30s")).isEqualTo(30_000L);
        for (String bad : new String[] {null, "", "  ", "m", "5x", "-5m", "0m", "9999999999999999d",
            "18014398509481984d", "99999999999999999999m"}) {
            assertThat(SignalBudget.intervalMillis(bad)).as(String.valueOf(bad)).isEqualTo(300_000L);
        }
    }
}
