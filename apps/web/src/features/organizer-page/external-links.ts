/**
 * Whether a link may be put in an href: http and https only. The API accepts nothing else, but an
 * href is where a `javascript:` address would run, so the page checks again rather than trust it.
 */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** How a website reads on its button: the host without `www.` (the whole address when unparsable). */
export function displayHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
