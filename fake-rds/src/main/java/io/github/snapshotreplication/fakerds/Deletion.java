package io.github.snapshotreplication.fakerds;

import java.util.Map;
import java.util.Objects;

/**
 * One resource the fake removed: ground truth for assertions such as "nothing this caller did not create was
 * deleted", independent of the tags the code under test relies on.
 *
 * @param region     region the resource was in
 * @param kind       what was deleted
 * @param identifier its identifier
 * @param createdBy  access key id of the request that created it, {@value FakeRegion#CREATED_BY_SETUP} or
 *                   {@value FakeRegion#CREATED_BY_RDS}
 * @param deletedBy  access key id of the delete request, or {@value FakeRegion#CREATED_BY_SETUP} when test code
 *                   removed it through {@link FakeRegion}
 * @param tags       its tags at deletion time
 * @param status     its status at deletion time
 * @param accountId  the account that held it
 */
public record Deletion(String region, ResourceKind kind, String identifier, String createdBy, String deletedBy,
                       Map<String, String> tags, String status, String accountId) {

    /** Freezes the tags. */
    public Deletion {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identifier, "identifier");
        tags = Tags.copyOf(tags);
    }

    /** A removal from the default account {@value FakeRdsServer#ACCOUNT_ID}. */
    public Deletion(String region, ResourceKind kind, String identifier, String createdBy, String deletedBy,
                    Map<String, String> tags, String status) {
        this(region, kind, identifier, createdBy, deletedBy, tags, status, FakeRdsServer.ACCOUNT_ID);
    }
}
