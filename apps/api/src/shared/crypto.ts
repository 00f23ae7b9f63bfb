import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, URL-safe: session cookies, API keys, order access tokens. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a leaked table gives no usable secret. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
