import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and a self-signed certificate for localhost and 127.0.0.1, made with openssl for one test file. */
export interface TestTls {
  key: string;
  cert: string;
  /** The certificate's file: NODE_EXTRA_CA_CERTS for a bot process that must trust the fakes. */
  certFile: string;
  /** The key's file (redis-server reads its key from a file). */
  keyFile: string;
}

export function makeTestTls(): TestTls {
  const dir = mkdtempSync(join(tmpdir(), 'minato-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile, keyFile };
}

/** An HTTP server, or an HTTPS one when `tls` is given (the fakes take either). */
export function createFakeServer(listener: RequestListener, tls?: TestTls): { server: Server; scheme: 'http' | 'https' } {
  if (!tls) return { server: createHttpServer(listener), scheme: 'http' };
  return { server: createHttpsServer({ key: tls.key, cert: tls.cert }, listener) as unknown as Server, scheme: 'https' };
}
