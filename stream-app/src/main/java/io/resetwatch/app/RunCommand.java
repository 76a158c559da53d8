package io.resetwatch.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Not yet available.")
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("resetwatch: run is not available yet");
        return 1;
    }
}
