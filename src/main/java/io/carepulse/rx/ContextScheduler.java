package io.carepulse.rx;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.vertx.core.Context;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An RxJava scheduler that runs every task, and every delayed task, on one Vert.x context: operators with time
 * (buffer by time span, retry with backoff) then run on the event loop that owns the state they touch, with Vert.x
 * timers instead of RxJava's own timer threads.
 */
public final class ContextScheduler extends Scheduler {
  private final Context context;

  public ContextScheduler(Context context) {
    this.context = context;
  }

  @Override
  public Worker createWorker() {
    return new ContextWorker();
  }

  private final class ContextWorker extends Worker {
    private final CompositeDisposable tasks = new CompositeDisposable();

    @Override
    public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
      if (tasks.isDisposed()) {
        return Disposable.disposed();
      }
      Task task = new Task(RxJavaPlugins.onSchedule(run), tasks);
      tasks.add(task);
      long delayMs = unit.toMillis(delay);
      context.runOnContext(v -> {
        if (delayMs <= 0) {
          task.run();
        } else if (!task.isDisposed()) {
          // setTimer inside the context keeps the timer on this context
          task.timerId = context.owner().setTimer(delayMs, id -> task.run());
        }
      });
      return task;
    }

    @Override
    public void dispose() {
      tasks.dispose();
    }

    @Override
    public boolean isDisposed() {
      return tasks.isDisposed();
    }
  }

  private final class Task implements Disposable, Runnable {
    private final Runnable action;
    private final CompositeDisposable owner;
    private final AtomicBoolean disposed = new AtomicBoolean();
    private volatile long timerId = -1;

    Task(Runnable action, CompositeDisposable owner) {
      this.action = action;
      this.owner = owner;
    }

    @Override
    public void run() {
      if (disposed.compareAndSet(false, true)) {
        owner.delete(this);
        action.run();
      }
    }

    @Override
    public void dispose() {
      if (disposed.compareAndSet(false, true)) {
        owner.delete(this);
        long id = timerId;
        if (id >= 0) {
          context.owner().cancelTimer(id);
        }
      }
    }

    @Override
    public boolean isDisposed() {
      return disposed.get();
    }
  }
}
