import { z } from 'zod';
import { Slug } from './common';

export const MemberRole = z.enum(['owner', 'admin', 'staff']);
export type MemberRole = z.infer<typeof MemberRole>;

export const Organization = z
  .object({ id: z.string(), name: z.string(), slug: z.string() })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const CreateOrganizationBody = z
  .object({ name: z.string().trim().min(1).max(100), slug: Slug.optional() })
  .strict()
  .meta({ id: 'CreateOrganizationBody' });
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const Member = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: MemberRole })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberList = z
  .object({ items: z.array(Member), nextCursor: z.string().nullable() })
  .meta({ id: 'MemberList' });

export const AddMemberBody = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email())
      .transform((e) => e.toLowerCase()),
    role: MemberRole,
  })
  .strict()
  .meta({ id: 'AddMemberBody' });
export type AddMemberBody = z.infer<typeof AddMemberBody>;
