package vn.movepass.local;

/**
 * Points log4j2 at the project's configuration (shared's {@code movepass-log4j2.xml}: Powertools' JSON lines, as in
 * Lambda) before the first logger exists: DynamoDB Local ships a {@code log4j2.xml} of its own that would otherwise
 * win on this classpath. A {@code -Dlog4j2.configurationFile} given on the command line is kept.
 */
public final class LocalLogging {
    static final String CONFIGURATION = "movepass-log4j2.xml";
    /** The level of the embedded servers' loggers (WARN unless {@code --verbose}), read by the configuration. */
    static final String EMBEDDED_LEVEL = "movepass.embedded.level";

    private LocalLogging() {
    }

    /** Before the first logger: the project's log4j2 configuration unless one was given (the bench launcher calls it too). */
    public static void configure() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", CONFIGURATION);
        }
    }
}
