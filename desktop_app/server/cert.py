"""``asuh server cert``: a self-signed TLS certificate for a district without one.

The laptop pins the certificate's SHA-256 fingerprint at enrolment instead of trusting a CA, so a
self-signed certificate is as safe as a bought one here. ECDSA P-256: every browser (the status
page) and Python's ``ssl`` accept it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop_app.core import clock

VALID_DAYS = 5 * 365


@dataclass(frozen=True)
class GeneratedCertificate:
    cert_path: Path
    key_path: Path
    fingerprint: str  # SHA-256 of the DER certificate, "AB:CD:..." (what a laptop pins)


def format_fingerprint(digest_hex: str) -> str:
    hex_upper = digest_hex.upper()
    return ":".join(hex_upper[i : i + 2] for i in range(0, len(hex_upper), 2))


def normalise_fingerprint(text: str) -> str:
    """Lower-case hex without separators, whatever way it was typed or copied."""
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")


def certificate_fingerprint(der: bytes) -> str:
    return format_fingerprint(hashlib.sha256(der).hexdigest())


def fingerprint_of_file(cert_path: str | Path) -> str:
    cert = x509.load_pem_x509_certificate(Path(cert_path).read_bytes())
    return certificate_fingerprint(cert.public_bytes(serialization.Encoding.DER))


def generate_certificate(host: str, out_dir: str | Path) -> GeneratedCertificate:
    """Write ``server.crt`` and ``server.key`` (mode 0600) for ``host`` (a name or an IP)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    try:
        alt: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        alt = x509.DNSName(host)
    now = clock.utcnow().replace(tzinfo=UTC)  # the app's clock (tests pin the day)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([alt]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path = folder / "server.key"
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    if key_path.exists():
        key_path.unlink()  # O_CREAT keeps an old file's mode: start from a new one
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key_bytes)
    cert_path = folder / "server.crt"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return GeneratedCertificate(
        cert_path=cert_path,
        key_path=key_path,
        fingerprint=certificate_fingerprint(cert.public_bytes(serialization.Encoding.DER)),
    )
