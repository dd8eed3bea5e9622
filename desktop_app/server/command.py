"""``asuh server init|cert|run|enrol|revoke|devices``: the district sync server's commands.

Each prints plain Indonesian lines; failures are raised as domain errors and reported by
``cli.main`` in one sentence.
"""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from desktop_app.core.i18n import _


def add_server_parser(commands: Any) -> None:
    """Register ``asuh server ...`` on the top-level sub-parsers."""
    server = commands.add_parser(
        "server", help=_("server sinkronisasi kabupaten (uji coba): init, cert, run, enrol ...")
    )
    actions = server.add_subparsers(dest="server_command", metavar="AKSI", required=True)

    def with_url(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--database-url",
            dest="server_database_url",
            metavar="URL",
            required=True,
            help=_("URL PostgreSQL server kabupaten (postgresql+psycopg://...)"),
        )
        return parser

    init = with_url(actions.add_parser("init", help=_("migrasi basis data dan buat peran runtime")))
    init.add_argument("--runtime-role", default="asuh_server", metavar="NAMA")

    cert = actions.add_parser("cert", help=_("buat sertifikat TLS sendiri dan sidik jarinya"))
    cert.add_argument("--host", required=True, metavar="NAMA")
    cert.add_argument("--out", required=True, metavar="FOLDER")

    run = with_url(actions.add_parser("run", help=_("jalankan server HTTPS")))
    run.add_argument("--cert", required=True, metavar="BERKAS.crt")
    run.add_argument("--key", required=True, metavar="BERKAS.key")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8443)

    enrol = with_url(
        actions.add_parser("enrol", help=_("daftarkan laptop, beri kode sekali pakai"))
    )
    enrol.add_argument("--name", required=True, metavar="NAMA")
    enrol.add_argument("--kecamatan", action="append", default=[], metavar="ID")
    enrol.add_argument("--posyandu", action="append", default=[], metavar="ID")

    revoke = with_url(actions.add_parser("revoke", help=_("cabut perangkat")))
    revoke.add_argument("device_id", metavar="ID_PERANGKAT")

    with_url(actions.add_parser("devices", help=_("daftar perangkat")))


def run_server_command(args: argparse.Namespace) -> int:
    action = args.server_command
    if action == "cert":
        from desktop_app.server.cert import generate_certificate

        made = generate_certificate(args.host, args.out)
        print(_("Sertifikat: {path}").format(path=made.cert_path))
        print(_("Kunci: {path}").format(path=made.key_path))
        print(_("Sidik jari SHA-256 (disematkan di laptop): {fp}").format(fp=made.fingerprint))
        return 0
    if action == "init":
        from desktop_app.server.setup import init_server_database

        setup = init_server_database(args.server_database_url, runtime_role=args.runtime_role)
        print(_("Basis data dimigrasi ke revisi {rev}.").format(rev=setup.revision))
        print(
            _("Peran runtime {role} dibuat (tanpa hak mengubah skema).").format(
                role=setup.runtime_role
            )
        )
        print(_("URL runtime (simpan di server saja):"))
        print(setup.runtime_url)
        return 0
    if action == "run":
        return _serve(args)
    return _device_command(args)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from desktop_app.core.database import open_database
    from desktop_app.server.app import create_app
    from desktop_app.server.cert import fingerprint_of_file

    database = open_database(args.server_database_url)
    print(_("Sidik jari sertifikat: {fp}").format(fp=fingerprint_of_file(args.cert)))
    try:
        uvicorn.run(
            create_app(database),
            host=args.host,
            port=args.port,
            ssl_certfile=args.cert,
            ssl_keyfile=args.key,
            log_level="info",
        )
    finally:
        database.dispose()
    return 0


def _device_command(args: argparse.Namespace) -> int:
    from desktop_app.core.database import open_database
    from desktop_app.core.formatting import format_date
    from desktop_app.server.devices import enrol_device, list_devices, revoke_device

    database = open_database(args.server_database_url)
    try:
        with database.sessions() as session:
            if args.server_command == "enrol":
                made = enrol_device(
                    session,
                    name=args.name,
                    kecamatan_ids=args.kecamatan,
                    posyandu_ids=args.posyandu,
                )
                session.commit()
                print(_("Perangkat: {name} ({id})").format(name=made.name, id=made.device_id))
                print(
                    _("Kode pendaftaran (sekali pakai, berlaku 24 jam): {code}").format(
                        code=made.code
                    )
                )
            elif args.server_command == "revoke":
                try:
                    device_id = uuid.UUID(args.device_id)
                except ValueError:
                    raise ValueError(
                        _("ID perangkat tidak sah: {id}").format(id=args.device_id)
                    ) from None
                revoked = revoke_device(session, device_id=device_id)
                session.commit()
                print(_("Perangkat {name} dicabut.").format(name=revoked.name))
            else:
                for device in list_devices(session):
                    seen = format_date(device.last_seen_at) if device.last_seen_at else "-"
                    print(f"{device.id}  {device.status:<22}  {seen:<18}  {device.name}")
    finally:
        database.dispose()
    return 0
