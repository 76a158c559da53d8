package io.resetwatch.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Not yet available.")
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("resetwatch: bench is not available yet");
        return 1;
    }
}
