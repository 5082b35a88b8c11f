package io.github.snapshotreplication.fakerds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Describe* listing logic shared by instances, clusters and both kinds of snapshots: a single identifier
 * (id or ARN, missing = NotFound), a parent identifier (instance or cluster), {@code Filters}, {@code SnapshotType},
 * {@code IncludeShared} / {@code IncludePublic}, {@code MaxRecords} (20..100, default 100) and an opaque
 * {@code Marker}. Snapshots other accounts share with the caller are sorted among the caller's own by the key the
 * caller sees them under: their ARN.
 *
 * @param <T> the resource type
 */
final class Describe<T> {

    /**
     * What differs between the four listings.
     *
     * @param idParam      e.g. DBSnapshotIdentifier
     * @param idFilter     e.g. db-snapshot-id
     * @param arnType      resource type in the ARN, e.g. snapshot
     * @param notFound     error for a missing {@code idParam}
     * @param notFoundText message format, {@code %s} = the identifier
     * @param parentParam  e.g. DBInstanceIdentifier, or null
     * @param parentFilter e.g. db-instance-id, or null
     * @param parentArn    ARN resource type of the parent, e.g. db
     * @param parentOf     the parent identifier of a resource
     * @param attributes   other filters: name to attribute (matched exactly)
     * @param typeOf       snapshot type for {@code SnapshotType}, or null when the listing has none
     */
    record Spec<T>(String idParam, String idFilter, String arnType, FakeError notFound, String notFoundText,
                   String parentParam, String parentFilter, String parentArn, Function<T, String> parentOf,
                   Map<String, Function<T, String>> attributes, Function<T, String> typeOf) {
    }

    /**
     * Other accounts' snapshots the caller may see (shared with it, or public).
     *
     * @param visible  keyed by lower-cased ARN, the identifier the caller sees them under
     * @param typeSeen the SnapshotType the caller sees: the own type for its own snapshots, else shared or public
     */
    record Shared<T>(NavigableMap<String, T> visible, Function<T, String> typeSeen) {
    }

    static final int DEFAULT_MAX_RECORDS = 100;
    private static final Set<String> SNAPSHOT_TYPES = Set.of("automated", "manual", "shared", "public", "awsbackup");

    private final Spec<T> spec;

    Describe(Spec<T> spec) {
        this.spec = spec;
    }

    /** Runs the listing against one region's store. */
    ResourceStore.Page<T> run(QueryRequest request, FakeRegion region, ResourceStore<T> store) {
        return run(request, region, store, null);
    }

    /** Runs the listing against one region's store and, when given, the snapshots shared with the caller. */
    ResourceStore.Page<T> run(QueryRequest request, FakeRegion region, ResourceStore<T> store, Shared<T> shared) {
        NavigableMap<String, T> foreign = shared == null ? Collections.emptyNavigableMap() : shared.visible();
        Function<T, String> typeOf = shared == null ? spec.typeOf() : shared.typeSeen();
        int max = maxRecords(request);
        String startKey = startKey(request);
        Predicate<T> filter = r -> true;
        Set<String> ids = null;
        Set<String> parents = null;
        for (QueryRequest.Filter f : validFilters(request)) {
            if (f.name().equals(spec.idFilter())) {
                ids = intersect(ids, keysOf(f.values(), region, foreign));
            } else if (f.name().equals(spec.parentFilter())) {
                parents = intersect(parents, localIds(f.values(), spec.parentArn(), region));
            } else {
                Function<T, String> attribute = "snapshot-type".equals(f.name()) ? typeOf
                        : spec.attributes().get(f.name());
                Set<String> accepted = new HashSet<>(f.values());
                filter = filter.and(r -> accepted.contains(attribute.apply(r)));
            }
        }
        if (spec.parentParam() != null && request.optional(spec.parentParam()) != null) {
            parents = intersect(parents, localIds(List.of(request.optional(spec.parentParam())), spec.parentArn(),
                    region));
        }
        String single = request.optional(spec.idParam());
        if (single != null) {
            String key = keyOf(single, region, store, foreign);
            if (key == null) {
                throw new QueryError(spec.notFound(), String.format(spec.notFoundText(), single));
            }
            ids = intersect(ids, Set.of(key));
        }
        filter = filter.and(typeFilter(request, typeOf, ids != null));
        if (parents != null) {
            Set<String> acceptedParents = parents;
            filter = filter.and(r -> spec.parentOf().apply(r) != null
                    && acceptedParents.contains(ResourceStore.key(spec.parentOf().apply(r))));
        }
        Function<String, T> lookup = key -> {
            T own = store.get(key);
            return own != null ? own : foreign.get(key);
        };
        if (ids != null) {
            return ResourceStore.page(tail(new TreeSet<>(ids), startKey).iterator(), lookup, filter, max);
        }
        NavigableSet<String> keys = parents != null ? store.keysOfParents(parents) : store.allKeys();
        if (foreign.isEmpty()) {
            return store.page(keys, startKey, filter, max);
        }
        return ResourceStore.page(merged(tail(keys, startKey), tail(foreign.navigableKeySet(), startKey)), lookup,
                filter, max);
    }

    /**
     * RDS API reference, DescribeDBSnapshots SnapshotType: one type only when given; without it, every type of the
     * caller's own, and shared and public snapshots only when IncludeShared / IncludePublic ask for them ("not
     * included in the returned results by default"), or when the request names them by ARN.
     */
    private Predicate<T> typeFilter(QueryRequest request, Function<T, String> typeOf, boolean named) {
        if (typeOf == null) {
            return r -> true;
        }
        String type = request.optional("SnapshotType");
        if (type != null) {
            if (!SNAPSHOT_TYPES.contains(type)) {
                throw QueryError.invalidValue("Invalid SnapshotType: " + type
                        + ". Valid values: automated, manual, shared, public, awsbackup.");
            }
            return r -> type.equals(typeOf.apply(r));
        }
        boolean shared = named || request.bool("IncludeShared", false);
        boolean isPublic = named || request.bool("IncludePublic", false);
        return r -> {
            String seen = typeOf.apply(r);
            return Sharing.SHARED.equals(seen) ? shared : !Sharing.PUBLIC.equals(seen) || isPublic;
        };
    }

    /** Writes {@code <Marker>} when there is a next page. */
    static void writeMarker(XmlWriter xml, String nextKey) {
        if (nextKey != null) {
            xml.element("Marker", Base64.getEncoder().encodeToString(nextKey.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static int maxRecords(QueryRequest request) {
        Integer max = request.integer("MaxRecords");
        if (max == null) {
            return DEFAULT_MAX_RECORDS;
        }
        if (max < 20 || max > 100) {
            throw QueryError.invalidValue("Invalid value " + max + " for MaxRecords. Must be between 20 and 100");
        }
        return max;
    }

    static String startKey(QueryRequest request) {
        String marker = request.optional("Marker");
        if (marker == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw QueryError.invalidValue("Invalid Marker: " + marker);
        }
    }

    /**
     * @return the identifier named by an id or an ARN of this region and account, lower-cased; null for an ARN of
     *     another region or account
     */
    static String localId(String idOrArn, String arnType, FakeRegion region) {
        if (!Arn.looksLikeArn(idOrArn)) {
            return ResourceStore.key(idOrArn);
        }
        Arn arn;
        try {
            arn = Arn.parse(idOrArn);
        } catch (IllegalArgumentException e) {
            throw QueryError.invalidValue("Invalid resource name: " + idOrArn);
        }
        if (!arn.resourceType().equals(arnType)) {
            throw QueryError.invalidValue("The ARN " + idOrArn + " is not a " + arnType + " ARN");
        }
        boolean local = arn.region().equals(region.name()) && arn.account().equals(region.accountId());
        return local ? ResourceStore.key(arn.resourceId()) : null;
    }

    private List<QueryRequest.Filter> validFilters(QueryRequest request) {
        List<QueryRequest.Filter> filters = request.filters();
        for (QueryRequest.Filter f : filters) {
            boolean known = f.name().equals(spec.idFilter()) || f.name().equals(spec.parentFilter())
                    || spec.attributes().containsKey(f.name());
            if (!known) {
                throw QueryError.invalidValue("Unrecognized filter name: " + f.name());
            }
        }
        return filters;
    }

    private static Set<String> localIds(List<String> values, String arnType, FakeRegion region) {
        Set<String> ids = new HashSet<>();
        for (String value : values) {
            String id = localId(value, arnType, region);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** @return the keys of these ids and ARNs: own snapshots by id, visible shared ones by ARN */
    private Set<String> keysOf(List<String> values, FakeRegion region, NavigableMap<String, T> foreign) {
        Set<String> keys = new HashSet<>();
        for (String value : values) {
            String id = localId(value, spec.arnType(), region);
            if (id != null) {
                keys.add(id);
            } else if (foreign.containsKey(ResourceStore.key(value))) {
                keys.add(ResourceStore.key(value));
            }
        }
        return keys;
    }

    /** @return the key of an existing own resource (id or ARN) or visible shared snapshot (ARN), else null */
    private String keyOf(String value, FakeRegion region, ResourceStore<T> store, NavigableMap<String, T> foreign) {
        String id = localId(value, spec.arnType(), region);
        if (id != null) {
            return store.get(id) != null ? id : null;
        }
        return foreign.containsKey(ResourceStore.key(value)) ? ResourceStore.key(value) : null;
    }

    private static NavigableSet<String> tail(NavigableSet<String> keys, String startKey) {
        return startKey == null ? keys : keys.tailSet(startKey, true);
    }

    /** @return the keys of two sorted sets in order, without copying either */
    private static Iterator<String> merged(NavigableSet<String> first, NavigableSet<String> second) {
        Iterator<String> a = first.iterator();
        Iterator<String> b = second.iterator();
        return new Iterator<>() {
            private String nextA = a.hasNext() ? a.next() : null;
            private String nextB = b.hasNext() ? b.next() : null;

            @Override
            public boolean hasNext() {
                return nextA != null || nextB != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                boolean takeA = nextB == null || (nextA != null && nextA.compareTo(nextB) <= 0);
                String key = takeA ? nextA : nextB;
                if (takeA) {
                    nextA = a.hasNext() ? a.next() : null;
                } else {
                    nextB = b.hasNext() ? b.next() : null;
                }
                return key;
            }
        };
    }

    private static Set<String> intersect(Set<String> current, Set<String> more) {
        if (current == null) {
            return more;
        }
        Set<String> both = new HashSet<>(current);
        both.retainAll(more);
        return both;
    }
}
