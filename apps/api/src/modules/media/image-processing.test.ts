import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { isImageKey } from './image-store';
import { processImage } from './image-processing';

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('processImage', () => {
  it('makes each cover width up to the upload, in three formats, under immutable keys', async () => {
    const upload = await solid(1000, 500).jpeg().toBuffer();
    const image = await processImage(upload, 'cover');
    expect(image).toMatchObject({ width: 1000, height: 500 });
    const sizes = image.files.map((file) => `${file.format}:${file.width}x${file.height}`).sort();
    expect(sizes).toEqual([
      'avif:480x240',
      'avif:960x480',
      'jpeg:480x240',
      'jpeg:960x480',
      'webp:480x240',
      'webp:960x480',
    ]);
    expect(image.files.every((file) => isImageKey(file.key))).toBe(true);
    // The same bytes name the same files; other bytes other files.
    const again = await processImage(upload, 'cover');
    expect(again.files.map((file) => file.key)).toEqual(image.files.map((file) => file.key));
    const other = await processImage(await solid(1000, 501).jpeg().toBuffer(), 'cover');
    expect(other.sourceHash).not.toBe(image.sourceHash);
  });

  it('pads logos into squares, keeping transparency in PNG', async () => {
    const opaque = await processImage(await solid(400, 100).png().toBuffer(), 'logo');
    expect(new Set(opaque.files.map((file) => file.format))).toEqual(new Set(['avif', 'webp', 'jpeg']));
    expect(opaque.files.every((file) => file.width === file.height)).toBe(true);
    const clear = await processImage(await solid(400, 100, 4).png().toBuffer(), 'logo');
    expect(new Set(clear.files.map((file) => file.format))).toEqual(new Set(['avif', 'webp', 'png']));
    const png = clear.files.find((file) => file.format === 'png' && file.width === 256);
    expect(await sharp(png?.data).metadata()).toMatchObject({ width: 256, height: 256, hasAlpha: true });
  });

  it('strips EXIF and XMP: nothing of the camera or its owner is left', async () => {
    const upload = await solid(600, 400)
      .withExif({ IFD0: { Make: 'SecretCam', Artist: 'Jane Roe' } })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
      )
      .jpeg()
      .toBuffer();
    for (const file of (await processImage(upload, 'cover')).files) {
      const metadata = await sharp(file.data).metadata();
      expect(metadata.exif, file.key).toBeUndefined();
      expect(metadata.xmp, file.key).toBeUndefined();
      expect(file.data.includes(Buffer.from('SecretCam')), file.key).toBe(false);
    }
  });

  it('refuses other formats, broken files and decompression bombs', async () => {
    expect(await refusal(processImage(Buffer.from('GIF89a not really'), 'cover'))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await refusal(processImage(await solid(20, 20).gif().toBuffer(), 'logo'))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await refusal(processImage(await solid(20, 20).tiff().toBuffer(), 'logo'))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const truncated = (await solid(800, 600).jpeg().toBuffer()).subarray(0, 300);
    expect(await refusal(processImage(truncated, 'cover'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    const bomb = await sharp({ create: { width: 9_000, height: 5_000, channels: 3, background: '#fff' } })
      .webp({ lossless: true })
      .toBuffer();
    expect(await refusal(processImage(bomb, 'cover'))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
