-- What a call started from besides its frames (care memory, the agent's baseline, its holdout arm, the model id), so
-- that a restart, a fail-over or an exported replay rebuilds it exactly as it ran. Null for calls stored before V5.
ALTER TABLE calls ADD COLUMN start_context jsonb;
