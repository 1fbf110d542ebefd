package io.carepulse.alert;

/**
 * The alert thresholds for a team's calls, looked up once when a call starts. The team playbooks of the REST API plug
 * in here; a team without a playbook (or a call without a team) gets {@link AlertSettings#defaults()}.
 */
@FunctionalInterface
public interface TeamAlertSettings {

  AlertSettings forTeam(String teamId);

  static TeamAlertSettings defaults() {
    return everyone(AlertSettings.defaults());
  }

  static TeamAlertSettings everyone(AlertSettings settings) {
    return teamId -> settings;
  }
}
