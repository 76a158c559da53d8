package io.resetwatch.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not yet available.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("resetwatch: demo is not available yet");
        return 1;
    }
}
