import type { ImageView } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ResponsiveImage } from './ResponsiveImage';

const cover: ImageView = {
  url: 'http://localhost/media/c-960.jpg',
  srcset: {
    avif: 'http://localhost/media/c-480.avif 480w, http://localhost/media/c-960.avif 960w',
    webp: 'http://localhost/media/c-480.webp 480w, http://localhost/media/c-960.webp 960w',
    jpeg: 'http://localhost/media/c-480.jpg 480w, http://localhost/media/c-960.jpg 960w',
  },
  width: 960,
  height: 540,
  alt: 'A crowd under string lights',
};

function renderImage(element: Parameters<typeof renderWithProviders>[0]) {
  const { container } = renderWithProviders(element);
  const img = container.querySelector('img');
  if (!img) throw new Error('no <img> rendered');
  return { container, img };
}

describe('ResponsiveImage', () => {
  it('offers AVIF, then WebP, then the JPEG fallback, with its size reserved', () => {
    const { container, img } = renderImage(<ResponsiveImage image={cover} sizes="100vw" />);
    const sources = [...container.querySelectorAll('picture > source')];
    expect(sources.map((source) => source.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    expect(sources[0]?.getAttribute('srcset')).toBe(cover.srcset.avif);
    expect(sources[1]?.getAttribute('sizes')).toBe('100vw');
    expect(img.getAttribute('srcset')).toBe(cover.srcset.jpeg);
    expect(img.getAttribute('src')).toBe(cover.url);
    expect(img.getAttribute('width')).toBe('960');
    expect(img.getAttribute('height')).toBe('540');
    expect(img.getAttribute('alt')).toBe('A crowd under string lights');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('decoding')).toBe('async');
  });

  it('falls back to PNG for a transparent logo and loads eagerly when asked', () => {
    const logo: ImageView = {
      ...cover,
      srcset: {
        avif: cover.srcset.avif,
        webp: cover.srcset.webp,
        png: 'http://localhost/media/l-256.png 256w',
      },
      alt: null,
    };
    const { img } = renderImage(
      <ResponsiveImage image={logo} sizes="28px" isEager fallbackAlt="Acme logo" />,
    );
    expect(img.getAttribute('srcset')).toBe('http://localhost/media/l-256.png 256w');
    expect(img.getAttribute('loading')).toBe('eager');
    expect(img.getAttribute('alt')).toBe('Acme logo');
  });

  it('is silent to screen readers when decorative, whatever alt text was uploaded', () => {
    const { img } = renderImage(<ResponsiveImage image={cover} sizes="100vw" isDecorative />);
    expect(img.getAttribute('alt')).toBe('');
  });
});
