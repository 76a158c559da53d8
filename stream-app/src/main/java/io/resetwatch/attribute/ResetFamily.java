package io.resetwatch.attribute;

import io.resetwatch.model.AccessLogRecord;
import java.util.Set;

/**
 * Which lines count as resets (CONTRACTS §3). {@code URX} alone means the upstream answered 5xx on every try
 * ({@code via_upstream}): it is context, not a reset, unless a reset flag or an {@code upstream_reset_*}
 * detail comes with it.
 */
public final class ResetFamily {

    private static final Set<String> RESET_FLAGS = Set.of("UR", "UC", "UF", "UH", "UO", "LR", "UPE");

    private ResetFamily() {
    }

    public static boolean isResetFlag(String flag) {
        return RESET_FLAGS.contains(flag);
    }

    public static boolean isReset(AccessLogRecord record) {
        for (String flag : record.responseFlags()) {
            if (RESET_FLAGS.contains(flag)) {
                return true;
            }
        }
        if (record.hasFlag("URX")) {
            String details = record.responseCodeDetails().raw();
            return details != null && details.startsWith("upstream_reset_");
        }
        return false;
    }
}
