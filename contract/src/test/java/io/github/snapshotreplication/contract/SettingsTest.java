package io.github.snapshotreplication.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void namesAreUniqueAndPropsAreCamelCase() {
        assertThat(Settings.ALL).extracting(Setting::variable).doesNotHaveDuplicates()
                .allMatch(v -> v.matches("[A-Z][A-Z0-9_]*"));
        assertThat(Settings.ALL).extracting(Setting::prop).filteredOn(Objects::nonNull).doesNotHaveDuplicates()
                .allMatch(p -> p.matches("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)?"));
    }

    @Test
    void wholeNumberDefaultsLieWithinTheirBounds() {
        Settings.ALL.stream().filter(s -> s.format() == Setting.Format.WHOLE_NUMBER && s.defaultValue().isPresent())
                .forEach(s ->
                assertThat(s.checkWholeNumber(s.prop(), s.defaultInt())).as(s.variable()).isEmpty());
    }

    @Test
    void boundsMessagesNameTheSettingTheValueAndTheReason() {
        assertThat(Settings.RETENTION_KEEP_LAST.checkWholeNumber("retentionKeepLast", 0)).hasValueSatisfying(m ->
                assertThat(m).startsWith("retentionKeepLast must be a whole number from 1 to").contains("(got 0)")
                        .contains("keep at least the newest copy"));
        assertThat(Settings.RETENTION_KEEP_LAST.checkWholeNumber("x", 2.5)).isPresent();
        assertThat(Settings.RETENTION_MAX_AGE.checkDuration("retentionMaxAge", 3_600, "1 hour"))
                .hasValueSatisfying(m -> assertThat(m).contains("at least 1 day (got 1 hour)"));
        assertThat(Settings.RETENTION_MAX_AGE.checkDuration("retentionMaxAge", 86_400, "1 day")).isEmpty();
        assertThat(Settings.RETENTION_KEEP_LAST.label()).isEqualTo("retentionKeepLast (RETENTION_KEEP_LAST)");
        assertThat(Settings.VAULT_SOURCE_ACCOUNTS.checkSize("sourceAccounts", 0)).hasValueSatisfying(m ->
                assertThat(m).startsWith("sourceAccounts must name 1 to 20 entries (got 0)").contains("6,144"));
        assertThat(Settings.VAULT_SOURCE_ACCOUNTS.checkSize("sourceAccounts", 20)).isEmpty();
    }

    @Test
    void theDrillsNamesAreCheckedByOneRuleOnBothSides() {
        Setting.Format subnetGroup = Settings.DRILL_SUBNET_GROUP.format();
        assertThat(subnetGroup.accepts("drill subnets")).isTrue();
        assertThat(subnetGroup.accepts("Drill_Subnets.1")).isTrue();
        assertThat(subnetGroup.accepts("Default")).isFalse();
        assertThat(subnetGroup.accepts("1-drill")).isFalse();
        assertThat(subnetGroup.accepts("drill/subnets")).isFalse();
        Setting.Format securityGroup = Settings.DRILL_SECURITY_GROUPS.format();
        assertThat(securityGroup.accepts("sg-0123abcd")).isTrue();
        assertThat(securityGroup.accepts("sg-0123456789abcdef0")).isTrue();
        assertThat(securityGroup.accepts("sg-0123ABCD")).isFalse();
        assertThat(securityGroup.accepts("sg-12")).isFalse();
        assertThat(Setting.Format.BOOLEAN.accepts("anything")).as("no rule here: each side parses it").isTrue();
    }

    @Test
    void theConfigurationPageListsEverySettingWithItsDefault() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "lambda-configuration.md"));
        for (Setting setting : Settings.ALL) {
            String row = page.lines().filter(l -> l.startsWith("| `" + setting.variable() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError(setting.variable() + " has no row in"
                            + " docs/lambda-configuration.md"));
            if (setting.prop() != null) {
                assertThat(row).as(setting.variable()).contains("`" + setting.prop() + "`");
            }
            setting.defaultValue().ifPresent(d -> assertThat(row).as(setting.variable()).contains("`" + d + "`"));
            if (setting.format() == Setting.Format.WHOLE_NUMBER || setting.format() == Setting.Format.ACCOUNT_LIST
                    || setting.format() == Setting.Format.SECURITY_GROUP_LIST) {
                assertThat(row).as(setting.variable()).contains(setting.min() + "-" + setting.max());
            }
        }
    }
}
