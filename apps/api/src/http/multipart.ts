import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from './errors';

export interface MultipartForm {
  /** The named file's bytes; undefined when the form has no such file part. */
  file: Buffer | undefined;
  /** Text fields (the first value of each name). */
  fields: Record<string, string>;
}

export interface MultipartLimits {
  /** The file part's field name. */
  fileField: string;
  maxFileBytes: number;
  maxFieldBytes: number;
  maxFields: number;
}

/** Past this much more than the file may hold, a refused upload is cut instead of read to its end. */
const DRAIN_ALLOWANCE = 1024 * 1024;

const tooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.floor(limit / (1024 * 1024))} MB`);

/**
 * Reads a `multipart/form-data` body as it streams in, keeping at most `maxFileBytes` of one file in
 * memory: a larger file is refused (413) as soon as its size is known, from Content-Length or while
 * counting. The rest of a refused body is read and dropped, up to a bound, so the client gets its 413
 * instead of a reset connection while it is still sending.
 */
export function readMultipartForm(req: Request, limits: MultipartLimits): Promise<MultipartForm> {
  if (!req.is('multipart/form-data'))
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data'));
  const declared = Number(req.headers['content-length'] ?? 0);
  // The form's own boundaries and field headers take a few hundred bytes; a generous margin for them.
  const overhead = limits.maxFields * limits.maxFieldBytes + 64 * 1024;
  if (declared > limits.maxFileBytes + overhead) {
    drain(req, declared);
    return Promise.reject(tooLarge(limits.maxFileBytes));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          // One byte more than allowed: busboy then flags the file as truncated, which means too large.
          fileSize: limits.maxFileBytes + 1,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
          parts: limits.maxFields + 1,
        },
      });
    } catch {
      reject(new AppError('VALIDATION_FAILED', 'The multipart body has no boundary'));
      return;
    }
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      drain(req, limits.maxFileBytes + DRAIN_ALLOWANCE);
      reject(error);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    let hasFile = false;
    const fields: Record<string, string> = {};

    parser.on('file', (name, stream) => {
      if (name !== limits.fileField || hasFile) {
        stream.resume();
        return;
      }
      hasFile = true;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxFileBytes) {
          stream.resume();
          fail(tooLarge(limits.maxFileBytes));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge(limits.maxFileBytes)));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(
          new AppError('VALIDATION_FAILED', `The field ${name} is too long`, {
            errors: [{ path: name, message: `must be at most ${limits.maxFieldBytes} bytes` }],
          }),
        );
        return;
      }
      fields[name] ??= value;
    });
    parser.on('partsLimit', () => fail(new AppError('VALIDATION_FAILED', 'The form has too many parts')));
    parser.on('error', () => fail(new AppError('VALIDATION_FAILED', 'The multipart body is malformed')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ file: hasFile ? Buffer.concat(chunks, size) : undefined, fields });
    });
    req.on('aborted', () => fail(new AppError('VALIDATION_FAILED', 'The request was aborted')));
    req.pipe(parser);
  });
}

/**
 * Reads and drops what is left of a refused body, so the answer reaches a client still sending; past
 * `bound` bytes the connection is closed instead, so nobody streams endlessly into a refusal.
 */
function drain(req: Request, bound: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > bound) req.destroy();
  });
  req.resume();
}
