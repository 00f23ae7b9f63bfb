import { z } from 'zod';
import { Email, page, Slug } from './common';
import { ImageView } from './media';

export const MemberRole = z.enum(['owner', 'admin', 'staff']);
export type MemberRole = z.infer<typeof MemberRole>;

/** A link on the public organizer page (/o/{slug}): Instagram, a newsletter, a podcast. */
export const OrganizationLink = z
  .object({
    label: z.string().trim().min(1).max(40),
    url: z.url({ protocol: /^https?$/ }).max(500),
  })
  .strict()
  .meta({ id: 'OrganizationLink' });
export type OrganizationLink = z.infer<typeof OrganizationLink>;

/**
 * An origin allowed to frame the embedded checkout (CSP frame-ancestors): scheme, host and an
 * optional port, nothing else; `https://*.example.com` allows every subdomain.
 */
export const EmbedOrigin = z
  .string()
  .trim()
  // Hosts are case-insensitive: one spelling, so a list never holds the same origin twice.
  .toLowerCase()
  .max(200)
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/,
    'an origin such as https://example.com (scheme, host, optional port; no path)',
  );

export const Organization = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    logo: ImageView.optional().describe('The logo (PUT /api/organizations/{orgId}/logo)'),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

/** What members see and owners and admins edit: the public page's texts and where the checkout may be embedded. */
export const OrganizationProfile = Organization.extend({
  description: z.string().nullable(),
  website: z.string().nullable(),
  links: z.array(OrganizationLink),
  embedOrigins: z
    .array(z.string())
    .describe('Origins allowed to frame the embedded checkout (CSP frame-ancestors), besides the platform'),
}).meta({ id: 'OrganizationProfile' });
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;

export const ORGANIZATION_LINKS_MAX = 8;
export const EMBED_ORIGINS_MAX = 20;

/** Every field optional; null clears the description or the website. */
export const UpdateOrganizationBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional(),
    links: z.array(OrganizationLink).max(ORGANIZATION_LINKS_MAX).optional(),
    embedOrigins: z
      .array(EmbedOrigin)
      .max(EMBED_ORIGINS_MAX)
      .optional()
      .describe('Lower-cased and deduplicated when saved'),
  })
  .strict()
  .meta({ id: 'UpdateOrganizationBody' });
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const CreateOrganizationBody = z
  .object({ name: z.string().trim().min(1).max(100), slug: Slug.optional() })
  .strict()
  .meta({ id: 'CreateOrganizationBody' });
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const Member = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: MemberRole })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberList = page(Member).meta({ id: 'MemberList' });

export const AddMemberBody = z
  .object({
    email: Email,
    role: MemberRole,
  })
  .strict()
  .meta({ id: 'AddMemberBody' });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

/** A new role for a member; only owners may grant or take away `owner`. */
export const UpdateMemberBody = z.object({ role: MemberRole }).strict().meta({ id: 'UpdateMemberBody' });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const CreateInvitationBody = z
  .object({
    email: Email,
    role: MemberRole,
  })
  .strict()
  .meta({ id: 'CreateInvitationBody' });
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

const InvitedBy = z.object({ userId: z.string(), name: z.string() }).nullable();

/** A pending invitation as owners and admins see it; the token itself is only ever in the email. */
export const Invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: MemberRole,
    invitedBy: InvitedBy.describe('null when the inviter deleted their account'),
    createdAt: z.string(),
    expiresAt: z.string(),
    isExpired: z.boolean().describe('Expired invitations stay listed so they can be sent again'),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const InvitationList = page(Invitation).meta({ id: 'InvitationList' });

/** The secret from the invitation link: 43 URL-safe characters. */
export const InvitationToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export const InvitationStatus = z.enum(['pending', 'expired', 'accepted', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** What the invitation page shows to whoever holds the link. */
export const InvitationPreview = z
  .object({
    organization: z.object({ id: z.string(), name: z.string() }),
    email: z.string(),
    role: MemberRole,
    invitedByName: z.string().nullable(),
    expiresAt: z.string(),
    status: InvitationStatus,
    isExpired: z.boolean(),
    hasAccount: z
      .boolean()
      .describe('Whether the invited email already has an account: log in, or sign up first'),
  })
  .meta({ id: 'InvitationPreview' });
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const AcceptedInvitation = z
  .object({ organization: Organization, role: MemberRole })
  .meta({ id: 'AcceptedInvitation' });
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;
