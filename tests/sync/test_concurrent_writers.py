"""Writers committing in parallel on PostgreSQL never make a change skip a reader polling the cursor.

A change number taken from a plain sequence can become visible after a larger one (transactions commit in
another order than they took their numbers), so a reader that already moved past the larger one would
never see it. Here every writer sleeps between taking its numbers and committing, which makes exactly
that happen unless numbering is serialised up to the commit.
"""

from __future__ import annotations

import random
import threading
import time
import uuid

from sqlalchemy import event

from app.contacts.schemas import ContactCreate
from app.contacts.service import create_contact
from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.sync.service import read_page
from app.users.service import create_user
from models import Contact, User

WRITERS, CONTACTS_EACH = 6, 8


def test_a_polling_reader_sees_every_change_of_parallel_writers(postgresql_database_url):
    engine = make_engine(postgresql_database_url)
    upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    jitter = random.Random(15)

    def dawdle_before_commit(_session) -> None:  # runs after the change numbers are taken
        time.sleep(jitter.uniform(0, 0.08))

    event.listen(sessions, "before_commit", dawdle_before_commit)
    with unit_of_work(sessions) as session:
        user_id = create_user(session, f"sync-{uuid.uuid4().hex[:8]}@example.com", "long enough pw").id
    with sessions() as session:
        cursor = read_page(session, session.get(User, user_id), None, 1000).next_cursor

    created: set[uuid.UUID] = set()
    seen: set[uuid.UUID] = set()
    lock = threading.Lock()
    writing = threading.Event()
    writing.set()

    def write(writer: int) -> None:
        for n in range(CONTACTS_EACH):
            with unit_of_work(sessions) as session:
                user = session.get(User, user_id)
                contact = create_contact(session, user, ContactCreate(name=f"W{writer} #{n}"))
                new_id = contact.id
            with lock:
                created.add(new_id)

    def poll() -> None:
        nonlocal cursor
        while True:
            done = not writing.is_set()
            with sessions() as session:
                user = session.get(User, user_id)
                while True:
                    page = read_page(session, user, cursor, 7)
                    seen.update(c.id for c in page.records.get("contact", []) if isinstance(c, Contact))
                    cursor = page.next_cursor
                    if not page.has_more:
                        break
            if done:
                return
            time.sleep(0.001)

    reader = threading.Thread(target=poll)
    reader.start()
    writers = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    writing.clear()
    reader.join(timeout=60)
    engine.dispose()

    assert len(created) == WRITERS * CONTACTS_EACH
    assert created - seen == set(), f"{len(created - seen)} changes were skipped by the cursor"
