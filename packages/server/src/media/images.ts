/** The image processor, with sharp's native library loaded on the first image rather than at start. */
import type { ImageProcessor } from '../core/ports/images.js';

let loaded: Promise<ImageProcessor> | undefined;

export const images: ImageProcessor = {
  async process(source, thumbBox) {
    loaded ??= import('./sharp-images.js').then((m) => m.sharpImages);
    return (await loaded).process(source, thumbBox);
  },
};
