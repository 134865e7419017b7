"""Delta sync: a per-user change log written as transactions commit, and the pages read from it."""
