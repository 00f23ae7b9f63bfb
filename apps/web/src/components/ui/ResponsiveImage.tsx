import type { ImageView } from '@zevents/contracts';
import type { CSSProperties } from 'react';

interface ResponsiveImageProps {
  image: ImageView;
  /** How wide the image is drawn at each viewport, so the browser fetches the smallest fitting file. */
  sizes: string;
  /** Used when the uploader gave none; decorative images pass '' so screen readers skip them. */
  fallbackAlt?: string;
  /** Beside text that already says what it shows (a card's title): alt '' whatever the uploader wrote. */
  isDecorative?: boolean;
  /** Eager for the one image a page opens with (its largest paint), lazy everywhere else. */
  isEager?: boolean;
  className?: string;
  style?: CSSProperties;
}

/**
 * One uploaded image in the best format the browser shows (AVIF, then WebP, then JPEG or PNG), at
 * the width it needs. Its width and height let the browser reserve the space before the file arrives.
 */
export function ResponsiveImage({
  image,
  sizes,
  fallbackAlt = '',
  isDecorative = false,
  isEager = false,
  className,
  style,
}: ResponsiveImageProps) {
  const fallbackSrcset = image.srcset.jpeg ?? image.srcset.png;
  return (
    <picture>
      {image.srcset.avif && <source type="image/avif" srcSet={image.srcset.avif} sizes={sizes} />}
      {image.srcset.webp && <source type="image/webp" srcSet={image.srcset.webp} sizes={sizes} />}
      <img
        src={image.url}
        srcSet={fallbackSrcset}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={isDecorative ? '' : (image.alt ?? fallbackAlt)}
        loading={isEager ? 'eager' : 'lazy'}
        fetchPriority={isEager ? 'high' : undefined}
        decoding="async"
        className={className}
        style={style}
      />
    </picture>
  );
}
