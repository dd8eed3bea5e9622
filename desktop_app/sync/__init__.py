"""Offline-first sync: many laptops, one district PostgreSQL server, and sync files.

Design (each point is argued in the module named):

- **What changed** is never decided by clocks. On a laptop, SQLite triggers (migration 0002)
  record every local insert/update in ``sync_changes`` with a monotonic local ``seq``; the
  triggers are database-level, so Core writes and bulk imports are tracked as well as ORM
  edits, and no hook can be forgotten. Rows received from the server or a file are written with
  Core under a guard row that silences the triggers and recorded with their origin
  (:mod:`.changes`). The server keeps the same table as the district change log, its ``seq``
  assigned under an advisory lock, and each laptop keeps one pull cursor per table
  (:mod:`.server`).
- **Conflicts** are resolved per row, deterministically: the later ``updated_at``, then the
  higher device id, wins; the loser goes to ``sync_conflicts`` for the "Konflik data" list
  (:mod:`.decide`, :mod:`.conflicts`). A conflict exists only when both sides changed the row
  since they last agreed (server seq above the pusher's cursor, by another device; or a
  pending local edit when a pull or file brings a different version).
- **Batches** commit one by one on both sides; every step is idempotent (UUID upserts,
  conflict ids derived from the two versions), so an interrupted sync simply resumes.
- **Scope**: a laptop limited to a kecamatan or posyandu pulls only its children and their
  assignments, visits and payments (and only their conflicts); reference tables come whole
  (:mod:`.tables`, chosen with :mod:`.scope`).
- **Sync files** carry the same rows in a SHA-256-checked ZIP, always encrypted with a password
  and signed with the enrolled device's key, checked against the known devices before anything
  is applied (:mod:`.files`, :mod:`.file_signature`); ``asuh sync`` is :mod:`.command`.
- **Identity**: the laptop is an enrolled device of the district server, its key sealed in the
  local settings (:mod:`.identity`); it holds no database credential.
- ``device_id`` of a local edit is stamped when the row leaves (push or export), from the
  change log's origin, so even Core writes that forgot it are attributed to this laptop.
- **Duplicates**: the same NIK registered twice offline is listed after sync; merging moves
  visits, assignments and payments to the kept child (:mod:`.merge`).
- Per laptop, never synced: ``users``, ``settings`` and ``sync_state``. ``audit_log`` is only
  pushed (the server is the district's archive of every laptop's trail).

Plain Python: no Qt here. The entry point is :func:`desktop_app.sync.service.sync_with_server`.
"""
