package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.function.Predicate;

/** DescribeOptionGroups. */
final class OptionGroupActions {

    private final Accounts accounts;

    OptionGroupActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void describe(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String name = request.optional("OptionGroupName");
        String engine = request.optional("EngineName");
        String major = request.optional("MajorEngineVersion");
        // RDS API reference, DescribeOptionGroups: OptionGroupName can't be supplied together with EngineName or
        // MajorEngineVersion; MajorEngineVersion needs EngineName.
        if (name != null && (engine != null || major != null)) {
            throw QueryError.invalidCombination("OptionGroupName can't be supplied together with EngineName or"
                    + " MajorEngineVersion");
        }
        if (major != null && engine == null) {
            throw QueryError.invalidCombination("MajorEngineVersion requires EngineName");
        }
        int max = Describe.maxRecords(request);
        String startKey = Describe.startKey(request);
        List<OptionGroup> groups;
        String nextKey = null;
        if (name != null) {
            groups = List.of(region.optionGroup(name).orElseThrow(() -> new QueryError(
                    FakeError.OPTION_GROUP_NOT_FOUND, "Specified OptionGroupName not found: " + name)));
        } else {
            Predicate<OptionGroup> filter = g -> (engine == null || engine.equals(g.engineName()))
                    && (major == null || major.equals(g.majorEngineVersion()));
            ResourceStore<OptionGroup> store = region.state().optionGroups();
            ResourceStore.Page<OptionGroup> page = store.page(store.allKeys(), startKey, filter, max);
            groups = page.items();
            nextKey = page.nextKey();
        }
        xml.start("OptionGroupsList");
        groups.forEach(g -> ResourceXml.optionGroup(xml, g));
        xml.end();
        Describe.writeMarker(xml, nextKey);
    }
}
