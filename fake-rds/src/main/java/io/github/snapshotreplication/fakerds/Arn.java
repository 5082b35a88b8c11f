package io.github.snapshotreplication.fakerds;

/**
 * An ARN split into its parts: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. For RDS the resource is
 * {@code TYPE:ID}, and the id itself may contain colons ({@code snapshot:rds:orders-db-2024-05-14-03-10}).
 */
record Arn(String partition, String service, String region, String account, String resourceType, String resourceId) {

    static boolean looksLikeArn(String value) {
        return value != null && value.startsWith("arn:");
    }

    /** @throws IllegalArgumentException when the value is not an ARN with a typed resource */
    static Arn parse(String value) {
        String[] parts = value.split(":", 6);
        if (parts.length < 6 || !"arn".equals(parts[0]) || parts[5].isEmpty()) {
            throw new IllegalArgumentException("not an ARN: " + value);
        }
        String resource = parts[5];
        int separator = resource.indexOf(':');
        int slash = resource.indexOf('/');
        if (separator < 0 || (slash >= 0 && slash < separator)) {
            separator = slash;
        }
        if (separator <= 0 || separator == resource.length() - 1) {
            throw new IllegalArgumentException("ARN without a resource type and id: " + value);
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], resource.substring(0, separator),
                resource.substring(separator + 1));
    }
}
