package io.carepulse.tools.simulate;

import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Prints lines from any thread on a thread of its own, so that event loops never wait on a slow terminal.
 * {@link #close()} returns once every queued line is written.
 */
public final class ConsoleFeed implements AutoCloseable {

  private static final String END = new String("end-of-feed");

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final PrintWriter out;
  private final boolean color;
  private final String beforeLine;
  private final Thread writer;

  public ConsoleFeed(PrintWriter out, boolean color) {
    this(out, color, "");
  }

  /** {@code beforeLine} is written before every line: a progress bar's line clear when both share a terminal. */
  public ConsoleFeed(PrintWriter out, boolean color, String beforeLine) {
    this.out = out;
    this.color = color;
    this.beforeLine = beforeLine;
    this.writer = new Thread(this::write, "simulate-console");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  public void line(String text) {
    lines.add(text);
  }

  /** A line that must stand out (prompts): bold yellow on a terminal, marked with arrows everywhere. */
  public void highlight(String text) {
    lines.add(color ? "\u001b[1;33m" + text + "\u001b[0m" : text);
  }

  /** Problems: red on a terminal. */
  public void alert(String text) {
    lines.add(color ? "\u001b[31m" + text + "\u001b[0m" : text);
  }

  private void write() {
    try {
      while (true) {
        String line = lines.take();
        if (line == END) {
          out.flush();
          return;
        }
        out.print(beforeLine);
        out.println(line);
        if (lines.isEmpty()) {
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    lines.add(END);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }
}
