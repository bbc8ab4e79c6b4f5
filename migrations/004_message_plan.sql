-- Each answered turn keeps its planner's structured plan (turn state); follow-ups in the thread are applied to it.
ALTER TABLE messages ADD COLUMN plan jsonb;
