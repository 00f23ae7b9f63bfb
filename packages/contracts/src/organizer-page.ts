import { z } from 'zod';
import { PublicEventSummary } from './catalogue';
import { ImageView } from './media';
import { OrganizationLink } from './organizations';

/** How many events each part of the organizer page shows at most. */
export const ORGANIZER_PAGE_UPCOMING_LIMIT = 50;
export const ORGANIZER_PAGE_PAST_LIMIT = 24;

/** The public page of an organization (`/o/{slug}`): who they are and what they run. */
export const OrganizerPage = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable().describe('Plain text, line breaks kept as the organizer typed them'),
    website: z.string().nullable(),
    links: z.array(OrganizationLink),
    logo: ImageView.optional().describe('The logo, when the organization uploaded one'),
    upcoming: z
      .array(PublicEventSummary)
      .describe(
        `Published events that have not ended, soonest first (at most ${ORGANIZER_PAGE_UPCOMING_LIMIT})`,
      ),
    past: z
      .array(PublicEventSummary)
      .describe(`Published events that have ended, latest first (at most ${ORGANIZER_PAGE_PAST_LIMIT})`),
  })
  .meta({ id: 'OrganizerPage' });
export type OrganizerPage = z.infer<typeof OrganizerPage>;
