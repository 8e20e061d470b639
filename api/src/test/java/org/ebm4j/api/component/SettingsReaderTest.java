package org.ebm4j.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.ebm4j.api.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole-number settings are never rounded, truncated or clamped: anything not exactly allowed is a problem. */
class SettingsReaderTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "steps | 64.5 | must be a whole number, got 64.5",
        "steps | 1e20 | out of range",
        "steps | 1e30 | out of range",
        "steps | -1 | must be >= 0, got -1",
        "steps | '\"ten\"' | has the wrong type",
        "steps | NaN | must be a whole number, got NaN",
        "batch | 2147483648 | must be between 1 and 2147483647",
        "batch | 0.5 | must be a whole number",
        "batch | 1e3 | OK",
        "batch | 64 | OK",
    })
    void wholeNumbersAreCheckedNotConverted(String key, String value, String message) {
        Config c = ConfigFactory.parseString(key + " = " + value);
        SettingsReader r = new SettingsReader();
        long v = key.equals("steps") ? r.longAtLeast(c, key, 0) : r.intAtLeast(c, key, 1);
        if (message.equals("OK")) {
            r.throwIfAny();
            assertThat(v).isEqualTo((long) Double.parseDouble(value));
        } else {
            assertThatThrownBy(r::throwIfAny).isInstanceOf(ConfigException.class).hasMessageContaining(key).hasMessageContaining(message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1, 2.5] | whole number",
        "[1, -3] | >= 1",
        "[1, 2] | OK",
    })
    void intListsAreCheckedEntryByEntry(String value, String message) {
        Config c = ConfigFactory.parseString("hidden = " + value);
        SettingsReader r = new SettingsReader();
        var v = r.intList(c, "hidden", 1);
        if (message.equals("OK")) {
            r.throwIfAny();
            assertThat(v).containsExactly(1, 2);
        } else {
            assertThatThrownBy(r::throwIfAny).hasMessageContaining("hidden").hasMessageContaining(message);
        }
    }
}
