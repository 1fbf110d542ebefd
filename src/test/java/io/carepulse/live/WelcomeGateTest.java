package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A resumed call's messages reach the client after the welcome that says where the call stands, never before. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WelcomeGateTest {

  private final WelcomeGate gate = new WelcomeGate();
  private final List<String> wire = new CopyOnWriteArrayList<>();

  /** What a connection does with each message: hold it while a hello is answered, else write it. */
  private void send(String message) {
    if (!gate.answering() || !gate.hold(() -> wire.add(message))) {
      wire.add(message);
    }
  }

  @Test
  void withNoHelloBeingAnswered_messagesGoOutAtOnce() {
    send("ack 1");
    assertThat(wire).containsExactly("ack 1");
  }

  @Test
  void anAckReleasedBeforeTheWelcome_followsIt_inTheOrderSent() {
    gate.opened();
    send("ack 139");
    send("score 139");
    assertThat(wire).as("nothing about the resumed call before its welcome").isEmpty();

    gate.welcome(() -> wire.add("welcome"));
    send("ack 140");

    assertThat(wire).containsExactly("welcome", "ack 139", "score 139", "ack 140");
  }

  @Test
  void twoHellosAnsweredAtOnce_holdUntilTheSecondWelcome() {
    gate.opened();
    send("ack 5");
    gate.opened();
    gate.welcome(() -> wire.add("welcome 1"));
    send("ack 6");
    assertThat(wire).containsExactly("welcome 1");

    gate.welcome(() -> wire.add("welcome 2"));

    assertThat(wire).containsExactly("welcome 1", "welcome 2", "ack 5", "ack 6");
    assertThat(gate.answering()).isFalse();
  }

  @Test
  void callsSendingFromOtherThreadsAcrossTheWelcome_loseNothing_andNothingOvertakesIt() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    gate.opened();
    CountDownLatch started = new CountDownLatch(threads);
    List<Thread> senders = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread sender = new Thread(() -> {
        started.countDown();
        for (int i = 0; i < perThread; i++) {
          send(id + ":" + i);
        }
      });
      senders.add(sender);
      sender.start();
    }
    started.await();
    gate.welcome(() -> wire.add("welcome"));
    for (Thread sender : senders) {
      sender.join();
    }

    assertThat(wire).hasSize(threads * perThread + 1);
    assertThat(wire.get(0)).isEqualTo("welcome");
    for (int t = 0; t < threads; t++) {
      String prefix = t + ":";
      List<Integer> order = wire.stream().filter(m -> m.startsWith(prefix))
          .map(m -> Integer.parseInt(m.substring(prefix.length()))).toList();
      assertThat(order).as("thread %d's messages in the order it sent them", t).isSorted().hasSize(perThread);
    }
  }
}
