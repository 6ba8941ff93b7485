"""
Throwaway certificate authorities for the stand-in: one CA signs the stand-in's own
HTTPS certificate (the API hosts), another the PostgreSQL server certificate (what
GET /api/ca_certificate returns).  Made with the openssl command-line tool.
"""

import os
import subprocess


def _openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True, capture_output=True)


def make_ca(directory, name="ca", subject="pgconsole stand-in CA"):
    """A self-signed CA in directory; returns (cert path, key path).  Reuses an existing one."""
    os.makedirs(directory, exist_ok=True)
    crt = os.path.join(directory, name + ".crt")
    key = os.path.join(directory, name + ".key")
    if not os.path.exists(crt):
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7", "-subj", "/CN=" + subject,
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                 "-keyout", key, "-out", crt)
        os.chmod(key, 0o600)
    return crt, key


def issue(directory, ca, name, hostnames=("localhost",), ips=("127.0.0.1",)):
    """A server certificate for the host names and addresses, signed by ca; returns (cert path, key path)."""
    ca_crt, ca_key = ca
    key = os.path.join(directory, name + ".key")
    csr = os.path.join(directory, name + ".csr")
    crt = os.path.join(directory, name + ".crt")
    ext = os.path.join(directory, name + ".ext")
    san = ",".join(["DNS:" + h for h in hostnames] + ["IP:" + i for i in ips])
    with open(ext, "w") as f:
        f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n" % san)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + hostnames[0], "-keyout", key, "-out", csr)
    _openssl("x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAcreateserial", "-days", "7",
             "-extfile", ext, "-out", crt)
    os.chmod(key, 0o600)
    os.unlink(csr)
    os.unlink(ext)
    return crt, key
