/**
 * The core's ImageProcessor on sharp (libvips): reads from a file path where the blob store has
 * one (no copy of the image in JS memory), checks the whole image decodes, and makes a JPEG
 * thumbnail (PNG when the image has transparency) that fits a square box.
 */
import sharp, { type Sharp } from 'sharp';
import type { ImageInfo, ImageProcessor } from '../core/ports/images.js';

/** Decompression bombs: a small file claiming a huge canvas is refused before decoding. */
const MAX_PIXELS = 40_000_000;
const OPTIONS = { limitInputPixels: MAX_PIXELS, failOn: 'truncated', sequentialRead: true } as const;

function open(source: Parameters<ImageProcessor['process']>[0]): Sharp {
  if ('path' in source) return sharp(source.path, OPTIONS);
  const img = sharp(OPTIONS);
  source.stream.on('error', (e) => img.destroy(e)).pipe(img);
  return img;
}

export const sharpImages: ImageProcessor = {
  async process(source, thumbBox): Promise<ImageInfo> {
    const img = open(source);
    const meta = await img.metadata();
    if (!meta.width || !meta.height) throw new Error('image without dimensions');
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    if (!thumbBox || (width <= thumbBox && height <= thumbBox)) {
      await img.clone().rotate().raw().toBuffer(); // the whole image must decode, not only its header
      return { width, height };
    }
    const resized = img.clone().rotate().resize(thumbBox, thumbBox, { fit: 'inside', withoutEnlargement: true });
    const alpha = meta.hasAlpha === true;
    const out = await (
      alpha ? resized.png() : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 80 })
    ).toBuffer({
      resolveWithObject: true,
    });
    return {
      width,
      height,
      thumb: {
        bytes: out.data,
        mime: alpha ? 'image/png' : 'image/jpeg',
        width: out.info.width,
        height: out.info.height,
      },
    };
  },
};
