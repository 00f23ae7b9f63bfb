import { z } from 'zod';
import { Email } from './common';
import { ImageView } from './media';
import { InvitationToken, MemberRole } from './organizations';

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    emailVerified: z
      .boolean()
      .describe('Whether the person opened the verification link sent to `email`; invitations need it'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const SignupBody = z
  .object({
    email: Email,
    password: z.string().min(8, 'must be at least 8 characters').max(200),
    name: z.string().trim().min(1).max(100),
    invitationToken: InvitationToken.optional().describe(
      'The token of an open invitation to this very address (from its link): the address counts as verified',
    ),
  })
  .strict()
  .meta({ id: 'SignupBody' });
export type SignupBody = z.infer<typeof SignupBody>;

export const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(200) })
  .strict()
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const UserResponse = z.object({ user: User }).meta({ id: 'UserResponse' });
export type UserResponse = z.infer<typeof UserResponse>;

export const MeResponse = z
  .object({
    user: User,
    organizations: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        slug: z.string(),
        role: MemberRole,
        logo: ImageView.optional().describe("The organization's logo, when it has one"),
      }),
    ),
  })
  .meta({ id: 'MeResponse' });
export type MeResponse = z.infer<typeof MeResponse>;

/** `GET /api/session`: like `/api/me` without the organizations, and 200 `{user: null}` for visitors. */
export const SessionResponse = z.object({ user: User.nullable() }).meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** The secret from a verification link (`/verify-email?token=`). */
export const VerificationToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a verification token');

export const VerifyEmailBody = z
  .object({ token: VerificationToken })
  .strict()
  .meta({ id: 'VerifyEmailBody' });
export type VerifyEmailBody = z.infer<typeof VerifyEmailBody>;

export const VerifyEmailResponse = z
  .object({
    email: z.string().describe('The address now verified'),
    wasAlreadyVerified: z
      .boolean()
      .describe('True when the account was verified before (the link was opened twice)'),
  })
  .meta({ id: 'VerifyEmailResponse' });
export type VerifyEmailResponse = z.infer<typeof VerifyEmailResponse>;

export const CsrfResponse = z.object({ csrfToken: z.string() }).meta({ id: 'CsrfResponse' });

/**
 * What an API key may do: `read` (every GET, CSV exports, the live dashboard), `check-in` (check in,
 * undo a check-in, and the reads a door scanner needs: the organization's events, an event, its
 * attendees), `write` (everything a key may do; includes the other two).
 */
export const ApiKeyScope = z.enum(['read', 'check-in', 'write']).meta({ id: 'ApiKeyScope' });
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(ApiKeyScope)
      .min(1)
      .max(10)
      // A repeated scope means nothing more: stored once, in the canonical order.
      .transform((scopes) => ApiKeyScope.options.filter((scope) => scopes.includes(scope)))
      .optional()
      .describe('Any of `read`, `check-in`, `write`; defaults to `["write"]` (full access)'),
  })
  .strict()
  .meta({ id: 'CreateApiKeyBody' });
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

export const ApiKeyCreated = z
  .object({
    id: z.string(),
    name: z.string(),
    key: z.string().describe('Shown once; only a hash is stored'),
    scopes: z.array(ApiKeyScope),
  })
  .meta({ id: 'ApiKeyCreated' });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

/** An API key as listed: never the key itself, only what tells keys apart. */
export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, e.g. `zev_Ab12Cd`'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
    scopes: z.array(ApiKeyScope),
    createdBy: z
      .object({ userId: z.string(), name: z.string(), email: z.string() })
      .nullable()
      .describe('Null for keys made before creators were recorded ("creator unknown")'),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z
  .object({ items: z.array(ApiKey), nextCursor: z.string().nullable() })
  .meta({ id: 'ApiKeyList' });
