package org.agenticdeals.reliability;

import java.time.Duration;

/**
 * How long the storms last: short enough for {@code ./mvnw verify} on a two-core machine, longer on request.
 *
 * <pre>{@code
 * ./mvnw -pl deals-reliability-tests -am verify -Ddeals.reliability.load.seconds=300 -Ddeals.reliability.fault.seconds=60
 * }</pre>
 */
final class ReliabilitySettings {

    private ReliabilitySettings() {
    }

    /** How long each connection-killing scenario runs ({@code deals.reliability.fault.seconds}, default 6). */
    static Duration faultDuration() {
        return seconds("deals.reliability.fault.seconds", 6);
    }

    /** How long the mixed workload runs ({@code deals.reliability.load.seconds}, default 20). */
    static Duration loadDuration() {
        return seconds("deals.reliability.load.seconds", 20);
    }

    /** How many threads the mixed workload runs on ({@code deals.reliability.load.threads}, default 16). */
    static int loadThreads() {
        return Math.toIntExact(number("deals.reliability.load.threads", 16, 1, 256));
    }

    private static Duration seconds(String property, int defaultSeconds) {
        return Duration.ofSeconds(number(property, defaultSeconds, 1, 86_400));
    }

    private static long number(String property, long defaultValue, long min, long max) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException malformed) {
            throw new IllegalArgumentException(property + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
        }
    }
}
