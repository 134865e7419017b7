"""Events where the user met people: CRUD and the follow-up progress of each event's contacts."""
