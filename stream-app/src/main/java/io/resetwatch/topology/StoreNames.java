package io.resetwatch.topology;

/** Every store and internal topic is named, so upgrades never rename a changelog or repartition topic. */
record StoreNames(String sourceClock, String podSnapshots, String upstreamState, String dueIndex,
                  String sourceWatermarks, String lifecycleIndex) {

    static final StoreNames DEFAULT = new StoreNames("source-clock", "pod-snapshots", "upstream-state", "due-index",
            "source-watermarks", "lifecycle-index");
}
