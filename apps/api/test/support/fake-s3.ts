import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small local stand-in for S3's object API, path-style (`/{bucket}/{key}`): PutObject, GetObject,
 * HeadObject and DeleteObject, answered the way S3 answers (XML errors, ETag as the MD5 of the bytes),
 * on 127.0.0.1 so the S3 image store is tested through the real `@aws-sdk/client-s3` offline. It does
 * not check signatures; it records that each request carried one.
 */

export interface StoredObject {
  body: Buffer;
  contentType: string | undefined;
  cacheControl: string | undefined;
  etag: string;
}

export interface FakeS3 {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** Objects by bucket, then key. */
  buckets: Map<string, Map<string, StoredObject>>;
  requests: Array<{ method: string; path: string; isSigned: boolean }>;
  close(): Promise<void>;
}

const errorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * The SDK may stream a body as `aws-chunked` (size;signature CRLF data CRLF ... 0 CRLF trailers):
 * the object is the data of the chunks.
 */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeS3(bucketNames: readonly string[]): Promise<FakeS3> {
  const buckets = new Map(bucketNames.map((name) => [name, new Map<string, StoredObject>()]));
  const requests: FakeS3['requests'] = [];

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake-s3');
      const [, bucketName = '', ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const method = req.method ?? 'GET';
      requests.push({
        method,
        path: url.pathname,
        isSigned: /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? ''),
      });
      const raw = await readBody(req);
      const bucket = buckets.get(bucketName);
      const fail = (status: number, code: string, message: string) => {
        res.writeHead(status, { 'Content-Type': 'application/xml' });
        res.end(method === 'HEAD' ? undefined : errorXml(code, message));
      };
      if (!bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (!key) return fail(400, 'InvalidRequest', 'This fake answers object requests only');

      if (method === 'PUT') {
        const isChunked =
          (req.headers['content-encoding'] ?? '').includes('aws-chunked') ||
          String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
        const body = isChunked ? decodeAwsChunked(raw) : raw;
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        bucket.set(key, {
          body,
          contentType: req.headers['content-type'],
          cacheControl: req.headers['cache-control'],
          etag,
        });
        res.writeHead(200, { ETag: etag });
        res.end();
        return;
      }
      if (method === 'DELETE') {
        bucket.delete(key);
        res.writeHead(204);
        res.end();
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        const object = bucket.get(key);
        if (!object) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, {
          'Content-Type': object.contentType ?? 'binary/octet-stream',
          'Content-Length': String(object.body.length),
          ETag: object.etag,
          'Last-Modified': new Date().toUTCString(),
          ...(object.cacheControl ? { 'Cache-Control': object.cacheControl } : {}),
        });
        res.end(method === 'HEAD' ? undefined : object.body);
        return;
      }
      fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    })().catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/xml' });
      res.end(errorXml('InternalError', String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    buckets,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
