import { randomBytes } from 'node:crypto';

/** "Fête de la Musique 2027!" -> "fete-de-la-musique-2027". */
export function slugify(text: string, fallback = 'item'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : fallback;
}

/** The base slug, then the base with a short random suffix: readable and unique after a retry or two. */
export function slugCandidates(base: string, attempts = 6): string[] {
  const candidates = [base];
  for (let i = 1; i < attempts; i++) candidates.push(`${base}-${randomBytes(3).toString('hex')}`);
  return candidates;
}
