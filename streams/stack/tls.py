"""A self-signed certificate for the local broker's TLS listener, made with the JDK's keytool.

Only for testing TLS on 127.0.0.1: the certificate names IP 127.0.0.1, and
clients trust it by pointing ``CXPULSE_KAFKA_SSL_CAFILE`` at its PEM copy,
exactly as they would trust a private CA in production.

Example::

    keystore = make_keystore(Path(".cxpulse/kafka/tls"))
    keystore.properties()     # ssl.keystore.* lines for server.properties
    keystore.certificate      # the PEM clients trust
"""

from __future__ import annotations

import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Keystore:
    path: Path  # PKCS12: the broker's key and certificate
    password: str
    certificate: Path  # the certificate as PEM

    def properties(self) -> list[str]:
        return ["ssl.keystore.type=PKCS12", f"ssl.keystore.location={self.path}",
                f"ssl.keystore.password={self.password}", f"ssl.key.password={self.password}"]


def make_keystore(folder: Path) -> Keystore:
    """The keystore in ``folder``, made on first use (the password stays in a file, never in argv)."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "password"
    if not secret.exists():
        secret.write_text(secrets.token_hex(16))
        secret.chmod(0o600)
    store = Keystore(folder / "broker.p12", secret.read_text(), folder / "broker.pem")
    common = ["-alias", "broker", "-keystore", str(store.path), "-storepass:file", str(secret)]
    if not store.path.exists():
        _keytool("-genkeypair", *common, "-keypass:file", str(secret), "-storetype", "PKCS12",
                 "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                 "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1")
    if not store.certificate.exists():
        _keytool("-exportcert", *common, "-rfc", "-file", str(store.certificate))
    return store


def _keytool(*args: str) -> None:
    subprocess.run(["keytool", *args, "-noprompt"], check=True, capture_output=True)
