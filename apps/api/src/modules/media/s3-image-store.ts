import type * as S3SdkModule from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { assertImageKey, contentTypeOfKey, type ImageStore } from './image-store';

/** Where an S3-compatible bucket is (parsed from STORAGE_URL by config.ts). */
export interface S3StorageSettings {
  bucket: string;
  /** Prepended to every key (`s3://bucket/some/prefix`), without a trailing slash; '' for none. */
  prefix: string;
  /** Another S3-compatible service (MinIO, R2, a local fake); undefined for AWS itself. */
  endpoint: string | undefined;
  region: string;
  /** `bucket` in the path rather than the host name: what most S3-compatible services need. */
  forcePathStyle: boolean;
}

/**
 * Image files in an S3 bucket through the official SDK. Credentials come from the SDK's usual chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role): never from STORAGE_URL,
 * so no secret sits in a URL that logs and process listings show.
 */
export function createS3ImageStore(settings: S3StorageSettings, client?: S3SdkModule.S3Client): ImageStore {
  // The SDK is loaded on the first image read or written, not at boot (it is a sixth of the start-up).
  let connected: Promise<{ sdk: S3Sdk; s3: S3SdkModule.S3Client }> | undefined;
  const connect = () =>
    (connected ??= loadS3Sdk().then((sdk) => ({
      sdk,
      s3:
        client ??
        new sdk.S3Client({
          region: settings.region,
          endpoint: settings.endpoint,
          forcePathStyle: settings.forcePathStyle,
        }),
    })));
  const Bucket = settings.bucket;
  const objectKey = (key: string) => {
    assertImageKey(key);
    return settings.prefix ? `${settings.prefix}/${key}` : key;
  };

  return {
    async put(key, bytes, contentType) {
      const { sdk, s3 } = await connect();
      await s3.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: contentType,
          // Served straight from the bucket too (a CDN in front of it), the file never changes.
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      );
    },

    async get(key) {
      const { sdk, s3 } = await connect();
      try {
        const answer = await s3.send(new sdk.GetObjectCommand({ Bucket, Key: objectKey(key) }));
        if (!(answer.Body instanceof Readable)) return undefined;
        return { body: answer.Body, contentType: contentTypeOfKey(key), size: answer.ContentLength };
      } catch (error) {
        if (isMissing(sdk, error)) return undefined;
        throw error;
      }
    },

    async delete(key) {
      const { sdk, s3 } = await connect();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}

type S3Sdk = typeof S3SdkModule;
let s3Sdk: Promise<S3Sdk> | undefined;
const loadS3Sdk = () => (s3Sdk ??= import('@aws-sdk/client-s3'));

function isMissing(sdk: S3Sdk, error: unknown): boolean {
  if (error instanceof sdk.NoSuchKey) return true;
  return error instanceof sdk.S3ServiceException && error.$metadata.httpStatusCode === 404;
}
