import type { PageViewBeacon } from '@zevents/contracts';

/**
 * Where a visit came from, as one key: a tracking link (`ref:<code>`), a campaign
 * (`utm:<source>|<medium>|<campaign>`), another site (`referrer:<domain>`), or `direct`. In that
 * order: an organizer's own link says more than the campaign tags on it, and both more than the
 * page that linked. The site's own pages (`ownHost`) are no referrer.
 */
export function sourceOf(beacon: Pick<PageViewBeacon, 'ref' | 'utm' | 'referrer'>, ownHost: string): string {
  const ref = beacon.ref?.trim().toLowerCase();
  if (ref) return `ref:${ref}`;
  const utm = beacon.utm;
  const tag = (value: string | undefined) => (value ?? '').trim().toLowerCase().replaceAll('|', '/');
  if (utm && (utm.source || utm.medium || utm.campaign))
    return `utm:${tag(utm.source)}|${tag(utm.medium)}|${tag(utm.campaign)}`;
  const domain = referrerDomain(beacon.referrer);
  if (domain && domain !== ownHost.toLowerCase().replace(/^www\./, '')) return `referrer:${domain}`;
  return 'direct';
}

/** The host of a referrer URL, lower-cased and without `www.`; undefined when it is not a web URL. */
export function referrerDomain(referrer: string | undefined): string | undefined {
  if (!referrer) return undefined;
  try {
    const url = new URL(referrer);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.hostname.toLowerCase().replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The kind of a source key and what to call it, for reports. */
export function describeSource(
  source: string,
  linkNames: ReadonlyMap<string, string>,
): { kind: 'tracking_link' | 'campaign' | 'referrer' | 'direct'; source: string; name: string } {
  if (source.startsWith('ref:')) {
    const code = source.slice(4);
    return { kind: 'tracking_link', source: code, name: linkNames.get(code) ?? code };
  }
  if (source.startsWith('utm:')) {
    const [utmSource = '', medium = '', campaign = ''] = source.slice(4).split('|');
    const parts = [utmSource, medium, campaign].filter(Boolean);
    return { kind: 'campaign', source: parts.join(' / '), name: campaign || utmSource || medium };
  }
  if (source.startsWith('referrer:')) {
    const domain = source.slice(9);
    return { kind: 'referrer', source: domain, name: domain };
  }
  return { kind: 'direct', source: 'direct', name: 'Direct' };
}
