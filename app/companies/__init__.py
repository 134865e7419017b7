"""Who do I know there? Organisations built from contacts' company names and work email domains."""
