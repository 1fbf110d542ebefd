/**
 * What needs a supervisor's attention, as pure rules: alert episodes ({@link io.carepulse.alert.AlertRules}), kudos
 * ({@link io.carepulse.alert.Recognition}) and the "can still be saved" order of live calls
 * ({@link io.carepulse.alert.TriageRank}). No Vert.x, no clock: everything is decided from the call's frames and what
 * the scoring core made of them, so a replayed call raises the same alerts at the same seq.
 */
package io.carepulse.alert;
