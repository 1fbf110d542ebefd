package io.carepulse.live;

import io.carepulse.engine.CoreConfig;

/** The core configuration for a team's calls (its playbook), looked up once when a call starts. */
@FunctionalInterface
public interface TeamSettings {

  CoreConfig coreConfigFor(String teamId);

  static TeamSettings everyone(CoreConfig config) {
    return teamId -> config;
  }
}
