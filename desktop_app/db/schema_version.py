"""The schema revision this build of Asuh expects.

Kept as a constant so start-up can compare it with the database's ``alembic_version`` without
importing Alembic (which costs start-up time); a test checks it equals the scripts' head.
"""

HEAD_REVISION = "0006_late_arrivals"
