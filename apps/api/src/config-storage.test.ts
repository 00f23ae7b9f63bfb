import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseStorageUrl } from './config';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The environment of a development start with its own DATA_DIR. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'zevents-storage-'));
  dirs.push(dir);
  return { DATA_DIR: dir, ...extra };
}

describe('STORAGE_URL', () => {
  it('keeps images under DATA_DIR/media when unset (or empty)', () => {
    for (const extra of [{}, { STORAGE_URL: '' }]) {
      const vars = env(extra);
      expect(loadConfig(vars).storage).toEqual({
        kind: 'local',
        dir: path.join(path.resolve(vars.DATA_DIR ?? ''), 'media'),
      });
    }
  });

  it('names an S3 bucket, with an optional prefix, endpoint, region and path style', () => {
    const url =
      's3://zevents-media/covers/prod/?endpoint=http://127.0.0.1:9000&region=eu-west-3&forcePathStyle=true';
    expect(loadConfig(env({ STORAGE_URL: url })).storage).toEqual({
      kind: 's3',
      bucket: 'zevents-media',
      prefix: 'covers/prod',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
    });
    expect(parseStorageUrl('s3://my-bucket', { AWS_REGION: 'ap-south-1' })).toEqual({
      kind: 's3',
      bucket: 'my-bucket',
      prefix: '',
      endpoint: undefined,
      region: 'ap-south-1',
      forcePathStyle: false,
    });
  });

  it('stops the boot on anything else, without echoing credentials', () => {
    for (const value of [
      'https://bucket.s3.amazonaws.com',
      's3://',
      's3://UPPER',
      's3://key:secret@bucket',
      's3://bucket?endpoint=ftp://x',
      's3://bucket?forcePathStyle=yes',
    ]) {
      let error: unknown;
      try {
        loadConfig(env({ STORAGE_URL: value }));
      } catch (caught) {
        error = caught;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect(String(error), value).toContain('STORAGE_URL');
      expect(String(error)).not.toContain('secret');
    }
  });
});
