-- care-2: how the customer's final turn read (valence -1..1, arousal 0..1), when the score followed one.
ALTER TABLE score_points ADD COLUMN customer jsonb;
