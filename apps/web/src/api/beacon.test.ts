import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const EVENT = '7d1c7a52-3f0e-4c1e-9a57-5d7c61f0a001';
const OTHER_EVENT = '7d1c7a52-3f0e-4c1e-9a57-5d7c61f0a002';
const ORDER = '1b9e1a3c-0d5f-4e8a-8c11-2f3a4b5c6d01';

type SendBeacon = (url: string, data: string) => boolean;

/** The module keeps "once per page load" in its own memory: each test loads it afresh. */
async function loadBeacon() {
  vi.resetModules();
  return import('./beacon');
}

function stubSendBeacon(accepts = true) {
  const sendBeacon = vi.fn<SendBeacon>(() => accepts);
  Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true, writable: true });
  return sendBeacon;
}

function sentBodies(sendBeacon: ReturnType<typeof stubSendBeacon>) {
  return sendBeacon.mock.calls.map(([url, data]) => ({ url, body: JSON.parse(data) as unknown }));
}

function setReferrer(referrer: string) {
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
}

beforeEach(() => {
  window.sessionStorage.clear();
  setReferrer('');
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'sendBeacon');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the page-view beacon', () => {
  it('sends the view with the tracking link, campaign and referrer, once per page load', async () => {
    const { trackEventView } = await loadBeacon();
    const sendBeacon = stubSendBeacon();
    window.history.replaceState(
      null,
      '',
      '/events/harbour-run?ref=insta-bio&utm_source=newsletter&utm_medium=email&utm_campaign=spring',
    );
    setReferrer('https://l.instagram.com/some/path');

    trackEventView(EVENT);
    trackEventView(EVENT);

    expect(sentBodies(sendBeacon)).toEqual([
      {
        url: `/api/public/events/${EVENT}/views`,
        body: {
          step: 'view',
          path: '/events/harbour-run',
          ref: 'insta-bio',
          utm: { source: 'newsletter', medium: 'email', campaign: 'spring' },
          referrer: 'https://l.instagram.com/some/path',
        },
      },
    ]);
    // A string body: the browser sends it as text/plain, which needs no CSRF token.
    expect(typeof sendBeacon.mock.calls[0]?.[1]).toBe('string');
  });

  it('sends no referrer for a click from this site, and nothing else when the link has no source', async () => {
    const { trackEventView } = await loadBeacon();
    const sendBeacon = stubSendBeacon();
    window.history.replaceState(null, '', '/events/harbour-run');
    setReferrer(`${window.location.origin}/`);
    trackEventView(EVENT);
    expect(sentBodies(sendBeacon)[0]?.body).toEqual({ step: 'view', path: '/events/harbour-run' });
  });

  it('keeps the landing for the later steps, and counts a selection once and a checkout once per order', async () => {
    const { trackCheckoutDetails, trackEventView, trackTicketSelection } = await loadBeacon();
    const sendBeacon = stubSendBeacon();
    window.history.replaceState(null, '', `/events/harbour-run?ref=insta-bio`);
    trackEventView(EVENT);
    trackTicketSelection(EVENT);
    trackTicketSelection(EVENT);
    window.history.replaceState(null, '', `/checkout/${ORDER}?token=secret`);
    trackCheckoutDetails(EVENT, ORDER);
    trackCheckoutDetails(EVENT, ORDER);

    expect(sentBodies(sendBeacon).map(({ body }) => body)).toEqual([
      { step: 'view', path: '/events/harbour-run', ref: 'insta-bio' },
      { step: 'select', path: '/events/harbour-run', ref: 'insta-bio' },
      // No token: the query string is never sent.
      { step: 'details', orderId: ORDER, path: `/checkout/${ORDER}`, ref: 'insta-bio' },
    ]);
  });

  it('remembers the landing across page loads of the visit, and a new campaign link replaces it', async () => {
    window.history.replaceState(null, '', '/events/harbour-run?utm_source=newsletter');
    (await loadBeacon()).trackEventView(EVENT);

    // A reload later in the visit, without the query string: still the newsletter.
    let sendBeacon = stubSendBeacon();
    window.history.replaceState(null, '', '/events/harbour-run');
    (await loadBeacon()).trackEventView(EVENT);
    expect(sentBodies(sendBeacon)[0]?.body).toEqual({
      step: 'view',
      path: '/events/harbour-run',
      utm: { source: 'newsletter' },
    });

    sendBeacon = stubSendBeacon();
    window.history.replaceState(null, '', '/events/harbour-run?ref=poster');
    const { trackCheckoutDetails, trackEventView } = await loadBeacon();
    trackEventView(EVENT);
    trackCheckoutDetails(EVENT, ORDER);
    expect(sentBodies(sendBeacon).map(({ body }) => body)).toEqual([
      { step: 'view', path: '/events/harbour-run', ref: 'poster' },
      { step: 'details', orderId: ORDER, path: '/events/harbour-run', ref: 'poster' },
    ]);

    // The checkout of that order was told in this visit already: a reload says nothing again.
    sendBeacon = stubSendBeacon();
    (await loadBeacon()).trackCheckoutDetails(EVENT, ORDER);
    expect(sendBeacon).not.toHaveBeenCalled();
  });

  it("keeps each event's landing apart", async () => {
    const { trackEventView, trackTicketSelection } = await loadBeacon();
    const sendBeacon = stubSendBeacon();
    window.history.replaceState(null, '', '/events/harbour-run?ref=insta-bio');
    trackEventView(EVENT);
    window.history.replaceState(null, '', '/events/other-run');
    trackEventView(OTHER_EVENT);
    trackTicketSelection(OTHER_EVENT);
    expect(sentBodies(sendBeacon).map(({ url, body }) => [url, body])).toEqual([
      [`/api/public/events/${EVENT}/views`, { step: 'view', path: '/events/harbour-run', ref: 'insta-bio' }],
      [`/api/public/events/${OTHER_EVENT}/views`, { step: 'view', path: '/events/other-run' }],
      [`/api/public/events/${OTHER_EVENT}/views`, { step: 'select', path: '/events/other-run' }],
    ]);
  });

  it('cuts values to what the API accepts, and ignores a tampered visit record', async () => {
    const { storedAttribution, trackEventView } = await loadBeacon();
    const sendBeacon = stubSendBeacon();
    window.history.replaceState(null, '', `/events/harbour-run?ref=${'r'.repeat(80)}&utm_campaign=%20%20`);
    trackEventView(EVENT);
    expect(sentBodies(sendBeacon)[0]?.body).toEqual({
      step: 'view',
      path: '/events/harbour-run',
      ref: 'r'.repeat(64),
    });

    window.sessionStorage.setItem(`zevents.visit.${OTHER_EVENT}`, '{"ref": 42}');
    expect(storedAttribution(OTHER_EVENT)).toBeNull();
    window.sessionStorage.setItem(`zevents.visit.${OTHER_EVENT}`, 'not json');
    expect(storedAttribution(OTHER_EVENT)).toBeNull();
  });

  it('falls back to a keepalive fetch when the browser refuses to queue the beacon', async () => {
    const { trackEventView } = await loadBeacon();
    stubSendBeacon(false);
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    window.history.replaceState(null, '', '/events/harbour-run');
    trackEventView(EVENT);
    expect(fetchMock).toHaveBeenCalledWith(`/api/public/events/${EVENT}/views`, {
      method: 'POST',
      body: JSON.stringify({ step: 'view', path: '/events/harbour-run' }),
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
  });

  it('sends nothing and throws nothing without sendBeacon, or when storage and the network fail', async () => {
    const { trackCheckoutDetails, trackEventView, trackTicketSelection } = await loadBeacon();
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    trackEventView(EVENT);
    expect(fetchMock).not.toHaveBeenCalled();

    stubSendBeacon(false);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => {
      trackEventView(OTHER_EVENT);
      trackTicketSelection(OTHER_EVENT);
      trackCheckoutDetails(OTHER_EVENT, ORDER);
    }).not.toThrow();
  });
});
