package io.carepulse.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to one JSON object per line (logback-json.xml, logstash-logback-encoder) when the config asks for
 * it; the class-path default, logback.xml, is text. Key-value pairs such as callId become JSON fields.
 */
final class JsonLogs {

  private JsonLogs() {
  }

  static void enable() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(JsonLogs.class.getClassLoader().getResource("logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure JSON logs", e);
    }
  }
}
