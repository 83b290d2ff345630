package org.agenticdeals.hostile;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The integration tests' slf4j binding (chosen by the {@code slf4j.provider} system property surefire sets): slf4j-simple,
 * configured as before by {@code simplelogger.properties}, behind loggers that can also capture every event at every level,
 * TRACE included, while {@link #capture()} is open. While capturing, every logger reports every level enabled, so code
 * that formats a message only when DEBUG or TRACE is on runs that code too; what the simple logger prints is unchanged.
 */
public final class CapturingLogProvider implements SLF4JServiceProvider {

    private static final ConcurrentLinkedQueue<String> CAPTURED = new ConcurrentLinkedQueue<>();
    private static volatile boolean capturing;

    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, key -> new CapturingLogger(key, simple.getLoggerFactory().getLogger(key)));

    /** Whether this binding is the one slf4j chose (it is when surefire runs the tests). */
    public static boolean active() {
        return org.slf4j.LoggerFactory.getILoggerFactory().getLogger("probe") instanceof CapturingLogger;
    }

    /** Starts capturing every event of every logger, dropping what an earlier capture held. Close to stop. */
    public static Capture capture() {
        CAPTURED.clear();
        capturing = true;
        return new Capture();
    }

    /** An open capture: {@link #events()} so far; closing stops capturing. */
    public static final class Capture implements AutoCloseable {

        private Capture() {
        }

        /** Every event so far, each as {@code LEVEL logger - message} followed by its throwable's stack trace, if any. */
        public List<String> events() {
            return new ArrayList<>(CAPTURED);
        }

        @Override
        public void close() {
            capturing = false;
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return simple.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return simple.getMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return simple.getRequestedApiVersion();
    }

    @Override
    public void initialize() {
        simple.initialize();
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final transient Logger delegate;

        CapturingLogger(String name, Logger delegate) {
            this.name = name;
            this.delegate = delegate;
        }

        @Override
        public boolean isTraceEnabled() {
            return capturing || delegate.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return capturing || delegate.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return capturing || delegate.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return capturing || delegate.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return capturing || delegate.isErrorEnabled();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
            if (capturing) {
                var event = new StringBuilder(level + " " + name + " - " + MessageFormatter.basicArrayFormat(messagePattern, arguments));
                if (throwable != null) {
                    var trace = new StringWriter();
                    throwable.printStackTrace(new PrintWriter(trace));
                    event.append('\n').append(trace);
                }
                CAPTURED.add(event.toString());
            }
            if (delegate.isEnabledForLevel(level)) {
                LoggingEventBuilder builder = delegate.atLevel(level);
                if (marker != null) {
                    builder = builder.addMarker(marker);
                }
                if (arguments != null) {
                    for (Object argument : arguments) {
                        builder = builder.addArgument(argument);
                    }
                }
                if (throwable != null) {
                    builder = builder.setCause(throwable);
                }
                builder.log(messagePattern);
            }
        }
    }
}
