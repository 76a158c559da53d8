package io.resetwatch.config;

/** An invalid configuration value, naming its key. */
public final class ConfigException extends IllegalArgumentException {

    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
