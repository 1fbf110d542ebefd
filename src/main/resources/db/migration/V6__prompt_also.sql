-- The other kinds a prompt carried when two reasons arose in one frame ("acknowledge" with "own it"), joined by
-- commas; null for a prompt of one kind, and for every prompt stored before V6.
ALTER TABLE prompts ADD COLUMN also text;
