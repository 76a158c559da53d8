package io.resetwatch.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Observations go to their upstream's partition; watermarks go to every partition (KIP-837 multicast). */
public final class UpstreamPartitioner implements StreamPartitioner<String, ShuffleMessage> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ShuffleMessage value, int numPartitions) {
        if (value != null && value.watermark() != null) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    public static int partitionOf(String key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
