"""The district sync server (``asuh server``): HTTPS in front of the district PostgreSQL.

A trial foundation (issue 21): set-up (:mod:`.setup`), a self-signed certificate (:mod:`.cert`),
enrolled devices (:mod:`.devices`), signed requests (:mod:`.signing`), the Starlette app
(:mod:`.app`) with ``/v1/enrol``, ``/v1/ping`` and the ``/status`` page, and the laptop-side
client with certificate pinning (:mod:`.client`). Sync itself does not go through it yet: the
laptops still sync directly with PostgreSQL (:mod:`desktop_app.sync`).
"""
