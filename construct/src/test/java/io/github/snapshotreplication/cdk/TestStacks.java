package io.github.snapshotreplication.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;

/**
 * Stacks and props for the construct tests: the source account 123456789012 in eu-west-1, copying to eu-central-1,
 * where the vault account 210987654321 keeps its vault.
 */
final class TestStacks {

    static final String ACCOUNT = "123456789012";
    static final String SOURCE_REGION = "eu-west-1";
    static final String TARGET_REGION = "eu-central-1";
    static final String TARGET_KEY_ARN =
            "arn:aws:kms:eu-central-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    static final String VAULT_ACCOUNT = "210987654321";
    private static final Pattern TWELVE_DIGITS = Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

    private TestStacks() {
    }

    /** A stack in eu-central-1 of the vault account 210987654321. */
    static Stack vaultStack() {
        return new Stack(new App(), "VaultStack", StackProps.builder()
                .env(Environment.builder().account(VAULT_ACCOUNT).region(TARGET_REGION).build())
                .build());
    }

    /** Vault props that accept the copies of the source account 123456789012. */
    static SnapshotVaultProps.Builder vaultProps() {
        return SnapshotVaultProps.builder().sourceAccounts(List.of(ACCOUNT));
    }

    /** A vault stack holding one vault with id "Vault"; {@code inspect} sees the vault. */
    static Stack withVault(SnapshotVaultProps props, Consumer<SnapshotVault> inspect) {
        Stack stack = vaultStack();
        inspect.accept(new SnapshotVault(stack, "Vault", props));
        return stack;
    }

    /** A stack in eu-west-1 of account 123456789012. */
    static Stack stack() {
        return new Stack(new App(), "DatabaseStack", StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(SOURCE_REGION).build())
                .build());
    }

    /** Props with the required target region and a target key. */
    static CrossRegionSnapshotReplicationProps.Builder props() {
        return CrossRegionSnapshotReplicationProps.builder().targetRegion(TARGET_REGION).targetKey(key(TARGET_KEY_ARN));
    }

    /** A key imported by ARN, as a user imports the key of the target region. */
    static IKey key(String keyArn) {
        return Key.fromKeyArn(new Stack(new App(), "Keys"), "Key", keyArn);
    }

    /** Synthesizes a stack holding one construct with the given props. */
    static Template template(CrossRegionSnapshotReplicationProps props) {
        return Template.fromStack(withConstruct(props, c -> { }));
    }

    /** A stack holding one construct with id "Replication"; {@code inspect} sees the construct. */
    static Stack withConstruct(CrossRegionSnapshotReplicationProps props,
                               Consumer<CrossRegionSnapshotReplication> inspect) {
        Stack stack = stack();
        inspect.accept(new CrossRegionSnapshotReplication(stack, "Replication", props));
        return stack;
    }

    /** The statements of the function's managed policy, by {@code Sid} (statements without one are left out). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> statementsBySid(Template template) {
        Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy");
        for (Map<String, Object> policy : policies.values()) {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                if (statement.get("Sid") != null) {
                    bySid.put((String) statement.get("Sid"), statement);
                }
            }
        }
        return bySid;
    }

    /** Every 12-digit number in the strings of a template fragment: the accounts it names. */
    static Set<String> accountsNamedIn(Object fragment) {
        Set<String> accounts = new TreeSet<>();
        Matcher m = TWELVE_DIGITS.matcher(fragment.toString());
        while (m.find()) {
            accounts.add(m.group());
        }
        return accounts;
    }

    /** The only resource of a type, as its properties. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> onlyProperties(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " but found " + found.size());
        }
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }
}
