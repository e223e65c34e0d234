"""From checked plans to results: assembly of the master plan and the submission tracker (pure: the history comes in as data)."""
