import type { ImageView, OrganizationProfile } from '@zevents/contracts';
import type { OrganizationProfileRow } from './organizations.repository';

export function presentOrganizationProfile(
  row: NonNullable<OrganizationProfileRow>,
  logo: ImageView | undefined,
): OrganizationProfile {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    ...(logo ? { logo } : {}),
    description: row.description,
    website: row.website,
    links: row.links,
    embedOrigins: row.embedOrigins,
  };
}
