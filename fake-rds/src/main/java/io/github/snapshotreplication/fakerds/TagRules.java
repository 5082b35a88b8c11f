package io.github.snapshotreplication.fakerds;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits RDS puts on tags. RDS API reference, Tag: a key is 1 to 128 Unicode characters, a value up to 256; both
 * use only letters, digits, white space and {@code _ . : / = + - @}, and neither can be prefixed with {@code aws:} or
 * {@code rds:}. RDS User Guide, Tagging Amazon RDS resources: a resource's tag set can contain as many as 50 tags.
 * Tags with the {@code aws:} prefix are AWS's own and do not count. The reference names no error code for a broken
 * limit: the fake answers {@code InvalidParameterValue}, the code RDS gives for a reserved prefix on CopyDBSnapshot.
 */
final class TagRules {

    /** Most user tags on one resource. */
    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern ALLOWED = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    private TagRules() {
    }

    /** Checks the tags a request brings. @return the same tags */
    static Map<String, String> checkRequestTags(Map<String, String> tags) {
        tags.forEach((key, value) -> {
            if (key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
                throw QueryError.invalidValue("Tag key " + abbreviate(key) + " is longer than " + MAX_KEY_LENGTH
                        + " characters");
            }
            if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
                throw QueryError.invalidValue("The value of tag " + abbreviate(key) + " is longer than "
                        + MAX_VALUE_LENGTH + " characters");
            }
            if (reserved(key) || reserved(value)) {
                throw QueryError.invalidValue("Tag keys and values cannot start with the reserved prefixes aws: and"
                        + " rds: (tag " + abbreviate(key) + ")");
            }
            if (!ALLOWED.matcher(key).matches() || !ALLOWED.matcher(value).matches()) {
                throw QueryError.invalidValue("Tag " + abbreviate(key) + " has characters other than letters, digits,"
                        + " white space and _ . : / = + - @");
            }
        });
        return tags;
    }

    /** Checks the tag set a resource would have. @return the same tags */
    static Map<String, String> checkCount(Map<String, String> tags, String resource) {
        long userTags = tags.keySet().stream().filter(k -> !k.startsWith("aws:")).count();
        if (userTags > MAX_TAGS) {
            throw QueryError.invalidValue("Cannot tag " + resource + ": a resource can have at most " + MAX_TAGS
                    + " tags, and this request would give it " + userTags);
        }
        return tags;
    }

    private static boolean reserved(String s) {
        return s.startsWith("aws:") || s.startsWith("rds:");
    }

    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
