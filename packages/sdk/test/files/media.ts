/** Real media bytes for upload tests: a PNG made with sharp, a WAV of a known length, an MP4 header, a PDF. */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const pngBytes = (w: number, h: number): Promise<Buffer> =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();

/** PCM WAV, 8 kHz mono 16-bit, `seconds` long. */
export function wavBytes(seconds: number): Buffer {
  const data = 16000 * seconds;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(data, 40);
  return b;
}

/** An MP4 that starts with ftyp + moov/mvhd (faststart) saying `seconds`, then filler. */
export function mp4Bytes(seconds: number, filler = 20_000): Buffer {
  const ftyp = Buffer.from('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 'latin1');
  const mvhd = Buffer.alloc(108);
  mvhd.writeUInt32BE(108, 0);
  mvhd.write('mvhd', 4, 'latin1');
  mvhd.writeUInt32BE(1000, 20);
  mvhd.writeUInt32BE(seconds * 1000, 24);
  const moov = Buffer.concat([Buffer.from([0, 0, 0, 116]), Buffer.from('moov', 'latin1'), mvhd]);
  const mdat = Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from('mdat', 'latin1'), Buffer.alloc(filler, 1)]);
  mdat.writeUInt32BE(mdat.length, 0);
  return Buffer.concat([ftyp, moov, mdat]);
}

export const pdfBytes = (): Buffer => Buffer.from('%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Writes bytes to a temp file (a mini-program's tempFilePath); returns the path. */
export function tempFile(bytes: Buffer, name: string): string {
  const p = join(tmpdir(), `pigeon-up-${randomUUID()}-${name}`);
  writeFileSync(p, bytes);
  return p;
}
