import type { ImageView, OrganizerPage, PublicEventSummary } from '@zevents/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import OrganizerPublicPage from './OrganizerPublicPage';

const PAGE_URL = 'GET /api/public/organizations/harbour-nights';

const image = (name: string, width: number, height: number): ImageView => ({
  url: `https://cdn.test/media/${name}-256.png`,
  srcset: {
    avif: `https://cdn.test/media/${name}-128.avif 128w, https://cdn.test/media/${name}-256.avif 256w`,
    webp: `https://cdn.test/media/${name}-128.webp 128w, https://cdn.test/media/${name}-256.webp 256w`,
    png: `https://cdn.test/media/${name}-128.png 128w, https://cdn.test/media/${name}-256.png 256w`,
  },
  width,
  height,
  alt: null,
});

const summary = (overrides: Partial<PublicEventSummary>): PublicEventSummary => ({
  id: 'e1',
  slug: 'e1',
  title: 'Event',
  venue: 'Old Harbour Quay',
  startsAt: '2031-06-20T18:00:00.000Z',
  endsAt: '2031-06-20T22:00:00.000Z',
  timezone: 'Europe/Paris',
  currency: 'EUR',
  organizationName: 'Harbour Nights',
  organizationSlug: 'harbour-nights',
  category: null,
  kind: 'in_person',
  city: null,
  minPriceCents: 2_500,
  maxPriceCents: 2_500,
  available: 120,
  isSoldOut: false,
  ...overrides,
});

const PAGE: OrganizerPage = {
  id: 'org-1',
  name: 'Harbour Nights',
  slug: 'harbour-nights',
  description: 'Concerts by the sea.\nEvery summer since 2009. <b>Not bold</b>',
  website: 'https://www.harbour.example/about',
  links: [
    { label: 'Instagram', url: 'https://instagram.example/harbour' },
    // Never in an href, whatever reached the database.
    { label: 'Sneaky', url: 'javascript:alert(1)' },
  ],
  logo: image('logo', 256, 256),
  upcoming: [
    summary({ id: 'e1', slug: 'lanterns', title: 'Harbour Lights Festival' }),
    summary({ id: 'e2', slug: 'jazz', title: 'Quiet Jazz Evening', startsAt: '2031-07-01T18:00:00.000Z' }),
  ],
  past: [
    summary({
      id: 'e0',
      slug: 'last-year',
      title: 'Harbour Lights 2025',
      startsAt: '2025-06-20T18:00:00.000Z',
    }),
  ],
};

function renderPage(answer: () => Response) {
  serveApi({ [PAGE_URL]: answer });
  renderWithProviders(
    <Routes>
      <Route path="/o/:slug" element={<OrganizerPublicPage />} />
    </Routes>,
    { route: '/o/harbour-nights' },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('OrganizerPublicPage', { timeout: 20_000 }, () => {
  it('shows the logo, name, description, links and events', async () => {
    renderPage(() => json(200, PAGE));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Harbour Nights' });
    const header = heading.closest('section');
    if (!header) throw new Error('no header section');
    await waitFor(() => expect(document.title).toBe('Harbour Nights — Z-Events'));

    // The logo in every format, sized for its box; decorative beside the name.
    const logo = header.querySelector('img');
    expect(logo?.getAttribute('srcset')).toContain('logo-256.png 256w');
    expect(logo?.getAttribute('alt')).toBe('');
    expect(header.querySelector('source[type="image/avif"]')?.getAttribute('srcset')).toContain(
      'logo-128.avif',
    );

    // Plain text: line breaks kept, markup shown as typed, never parsed.
    const description = within(header).getByText(/Concerts by the sea\./);
    expect(description.textContent).toBe('Concerts by the sea.\nEvery summer since 2009. <b>Not bold</b>');
    expect(header.querySelector('b')).toBeNull();

    const website = within(header).getByRole('link', { name: 'harbour.example' });
    expect(website).toHaveAttribute('href', 'https://www.harbour.example/about');
    expect(website).toHaveAttribute('rel', 'noopener noreferrer');
    expect(website).toHaveAttribute('target', '_blank');
    expect(within(header).getByRole('link', { name: 'Instagram' })).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    );
    expect(within(header).queryByRole('link', { name: 'Sneaky' })).toBeNull();

    const upcoming = screen.getByRole('region', { name: 'Upcoming events' });
    expect(within(upcoming).getByRole('link', { name: /Harbour Lights Festival/ })).toHaveAttribute(
      'href',
      '/events/lanterns',
    );
    expect(within(upcoming).getByRole('link', { name: /Quiet Jazz Evening/ })).toBeInTheDocument();
    expect(within(upcoming).getByText('2 events')).toBeInTheDocument();

    const past = screen.getByRole('region', { name: 'Past events' });
    expect(within(past).getByRole('link', { name: /Harbour Lights 2025/ })).toHaveAttribute(
      'href',
      '/events/last-year',
    );
  });

  it('says when nothing is coming up, and shows no past section without past events', async () => {
    renderPage(() => json(200, { ...PAGE, logo: undefined, upcoming: [], past: [] }));
    expect(
      await screen.findByText('No upcoming events — follow their links to hear first'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Past events' })).toBeNull();
    // No logo: the initial stands in, hidden from screen readers.
    expect(screen.getByRole('region', { name: 'Harbour Nights' }).querySelector('img')).toBeNull();
  });

  it('does not promise links an organizer without links lacks', async () => {
    renderPage(() => json(200, { ...PAGE, website: null, links: [], upcoming: [], past: [] }));
    expect(await screen.findByText('No upcoming events')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Links' })).toBeNull();
  });

  it('shows a not-found page for an unknown slug', async () => {
    renderPage(() => json(404, { code: 'NOT_FOUND', status: 404, detail: 'Organization not found' }));
    expect(await screen.findByRole('heading', { name: 'Organizer not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse events' })).toHaveAttribute('href', '/');
  });
});
