import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A self-made stand-in for Apple's chain: a "WWDR" CA, a pass signer it issued, the signer's key. */
export interface TestPassCertificates {
  /** Where the PEM files are (a temp dir): APPLE_PASS_* may name these paths. */
  dir: string;
  files: { wwdr: string; signerCert: string; signerKey: string; encryptedKey: string };
  wwdr: string;
  signerCert: string;
  signerKey: string;
  /** The same key under KEY_PASSPHRASE. */
  encryptedKey: string;
  cleanup: () => void;
}

export const KEY_PASSPHRASE = 'correct horse battery staple';

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** Real X.509 certificates made with the openssl CLI (the test machine has it; Node cannot issue certificates). */
export function makeTestPassCertificates(): TestPassCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'zevents-wallet-'));
  const subject = (cn: string) => `/CN=${cn}/O=Z-Events tests`;
  openssl(
    dir,
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'wwdr.key', '-out', 'wwdr.pem'].concat([
      '-days',
      '2',
      '-subj',
      subject('Test WWDR'),
    ]),
  );
  openssl(
    dir,
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr'].concat([
      '-subj',
      subject('Pass Type ID: pass.test.zevents'),
    ]),
  );
  openssl(
    dir,
    ['x509', '-req', '-in', 'signer.csr', '-CA', 'wwdr.pem', '-CAkey', 'wwdr.key'].concat([
      '-CAcreateserial',
      '-out',
      'signer.pem',
      '-days',
      '2',
    ]),
  );
  openssl(
    dir,
    ['pkey', '-in', 'signer.key', '-aes256', '-passout', `pass:${KEY_PASSPHRASE}`].concat([
      '-out',
      'signer-encrypted.key',
    ]),
  );
  const files = {
    wwdr: path.join(dir, 'wwdr.pem'),
    signerCert: path.join(dir, 'signer.pem'),
    signerKey: path.join(dir, 'signer.key'),
    encryptedKey: path.join(dir, 'signer-encrypted.key'),
  };
  const read = (file: string) => readFileSync(file, 'utf8');
  return {
    dir,
    files,
    wwdr: read(files.wwdr),
    signerCert: read(files.signerCert),
    signerKey: read(files.signerKey),
    encryptedKey: read(files.encryptedKey),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A service account key as Google's JSON key file holds it (PKCS#8 PEM) and its public half. */
export function makeTestGoogleKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
