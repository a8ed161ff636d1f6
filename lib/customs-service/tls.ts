/**
 * The local certificate authority of the customs service's TLS hosts: created on first run with
 * Debian's `openssl` (nothing downloaded), kept out of git (`.local/tls/`), reused while valid.
 *   ca.pem          the authority to trust (curl --cacert, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, keytool)
 *   ca-key.pem      its key (0600; signs the server certificate only)
 *   server.pem      the hosts' certificate (127.0.0.1, ::1, localhost and the extra names), 397 days
 *   server-key.pem  its key (0600)
 * A server certificate that expires within 30 days, lacks a name, or was not signed by this
 * authority is made again (the authority is kept: clients that trust it need nothing new).
 */
import { execFileSync } from "node:child_process";
import { X509Certificate, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { wallClockMs } from "../clock";

export type LocalCertificates = { dir: string; caPath: string; certPath: string; keyPath: string; created: { ca: boolean; server: boolean } };

const RENEW_BEFORE_MS = 30 * 24 * 3600_000;
const BASE_NAMES = ["127.0.0.1", "::1", "localhost"];

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function readCert(file: string): X509Certificate | null {
  try {
    return new X509Certificate(readFileSync(file));
  } catch {
    return null;
  }
}

const isIp = (name: string) => /^[\d.]+$/.test(name) || name.includes(":");

/** The subjectAltName entries a certificate must carry for these names ("IP Address:127.0.0.1", "DNS:localhost"). */
export function altNames(names: readonly string[]): string[] {
  return names.map((n) => (isIp(n) ? `IP Address:${n === "::1" ? "0:0:0:0:0:0:0:1" : n}` : `DNS:${n}`));
}

function serverCertIsGood(cert: X509Certificate | null, ca: X509Certificate, names: readonly string[]): boolean {
  if (!cert || !cert.verify(ca.publicKey)) return false;
  if (Date.parse(cert.validTo) - wallClockMs() < RENEW_BEFORE_MS) return false;
  const present = new Set((cert.subjectAltName ?? "").split(",").map((s) => s.trim()));
  return altNames(names).every((n) => present.has(n));
}

export function ensureLocalCertificates(dir: string, extraNames: readonly string[] = []): LocalCertificates {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caPath = path.join(dir, "ca.pem");
  const caKeyPath = path.join(dir, "ca-key.pem");
  const certPath = path.join(dir, "server.pem");
  const keyPath = path.join(dir, "server-key.pem");
  const names = [...new Set([...BASE_NAMES, ...extraNames.map((n) => n.trim()).filter(Boolean)])];
  const created = { ca: false, server: false };

  let ca = existsSync(caKeyPath) ? readCert(caPath) : null;
  if (!ca || Date.parse(ca.validTo) - wallClockMs() < RENEW_BEFORE_MS) {
    openssl(
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
        "-keyout", caKeyPath, "-out", caPath,
        "-subj", "/O=Console Correspondant Entreprise/CN=Console douane - autorite de certification locale",
        "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      ],
      dir,
    );
    chmodSync(caKeyPath, 0o600);
    ca = readCert(caPath)!;
    created.ca = true;
  }

  if (created.ca || !serverCertIsGood(readCert(certPath), ca, names)) {
    const csr = path.join(dir, "server.csr");
    const ext = path.join(dir, "server.ext");
    writeFileSync(
      ext,
      [
        `subjectAltName=${names.map((n) => (isIp(n) ? `IP:${n}` : `DNS:${n}`)).join(",")}`,
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage=serverAuth",
      ].join("\n"),
    );
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-keyout", keyPath, "-out", csr, "-subj", "/O=Console Correspondant Entreprise/CN=127.0.0.1"], dir);
    openssl(
      ["x509", "-req", "-in", csr, "-CA", caPath, "-CAkey", caKeyPath, "-set_serial", `0x${randomBytes(16).toString("hex")}`, "-days", "397", "-sha256", "-extfile", ext, "-out", certPath],
      dir,
    );
    chmodSync(keyPath, 0o600);
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
    created.server = true;
  }
  return { dir, caPath, certPath, keyPath, created };
}
