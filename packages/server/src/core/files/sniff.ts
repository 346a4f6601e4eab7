/**
 * The type of a file from its first bytes (magic numbers), never from its name or the client's
 * Content-Type. Unknown bytes are application/octet-stream; plain UTF-8 text is text/plain, and
 * markup a browser would run (HTML, SVG, XML) is named so the app's blocked list can refuse it.
 */
const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};
const bytes = (b: Uint8Array, at: number, sig: number[]): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

type Rule = [test: (b: Uint8Array) => boolean, mime: string];

const RULES: Rule[] = [
  [(b) => bytes(b, 0, [0xff, 0xd8, 0xff]), 'image/jpeg'],
  [(b) => bytes(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
  [(b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'), 'image/gif'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'), 'image/webp'],
  [(b) => ascii(b, 0, 'BM') && b.length > 14 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0, 'image/bmp'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'), 'audio/wav'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI '), 'video/x-msvideo'],
  [(b) => bytes(b, 0, [0x1a, 0x45, 0xdf, 0xa3]), 'video/webm'],
  [(b) => ascii(b, 0, 'OggS'), 'audio/ogg'],
  [(b) => ascii(b, 0, 'fLaC'), 'audio/flac'],
  [(b) => ascii(b, 0, '#!AMR'), 'audio/amr'],
  [(b) => ascii(b, 0, '#!SILK_V3') || ascii(b, 1, '#!SILK_V3'), 'audio/silk'],
  [(b) => ascii(b, 0, 'ID3') || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf2), 'audio/mpeg'],
  [(b) => b.length > 1 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0, 'audio/aac'],
  [(b) => ascii(b, 0, '%PDF-'), 'application/pdf'],
  [(b) => bytes(b, 0, [0x50, 0x4b, 0x03, 0x04]) || bytes(b, 0, [0x50, 0x4b, 0x05, 0x06]), 'application/zip'],
  [(b) => bytes(b, 0, [0x1f, 0x8b]), 'application/gzip'],
  [(b) => ascii(b, 0, 'Rar!'), 'application/vnd.rar'],
  [(b) => bytes(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), 'application/x-7z-compressed'],
  [(b) => ascii(b, 0, 'MZ'), 'application/x-msdownload'],
  [(b) => bytes(b, 0, [0x7f, 0x45, 0x4c, 0x46]), 'application/x-executable'],
  [(b) => [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(u32(b)), 'application/x-mach-binary'],
  [(b) => ascii(b, 0, '#!'), 'application/x-sh'],
];

const u32 = (b: Uint8Array): number =>
  b.length < 4 ? -1 : ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;

/** ISO base media (MP4, MOV, 3GP, M4A, HEIC, AVIF): the `ftyp` box's brands decide. */
function isoMedia(b: Uint8Array): string | undefined {
  if (!ascii(b, 4, 'ftyp')) return undefined;
  const brand = String.fromCharCode(...b.subarray(8, 12));
  if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  if (['avif', 'avis'].includes(brand)) return 'image/avif';
  if (['M4A ', 'M4B ', 'F4A '].includes(brand)) return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3g')) return 'video/3gpp';
  return 'video/mp4';
}

/** Markup and text: only when there is no NUL and the bytes decode as UTF-8. */
function textual(b: Uint8Array): string | undefined {
  if (b.includes(0)) return undefined;
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(b.length > 4096 ? trimUtf8(b.subarray(0, 4096)) : b);
  } catch {
    return undefined;
  }
  const head = s
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (/^<!doctype html|^<html|^<head|^<body|^<script|^<iframe|^<!--/.test(head)) return 'text/html';
  if (/^<svg|^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/.test(head)) return 'image/svg+xml';
  if (head.startsWith('<?xml')) return 'application/xml';
  return 'text/plain';
}

/** Cuts a UTF-8 sequence split by the 4096-byte window so the decoder does not refuse good text. */
function trimUtf8(b: Uint8Array): Uint8Array {
  const end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = b[end - i]!;
    if ((c & 0xc0) === 0xc0) return b.subarray(0, end - i);
    if ((c & 0x80) === 0) break;
  }
  return b.subarray(0, end);
}

export function sniffMime(head: Uint8Array): string {
  if (head.length === 0) return 'application/octet-stream';
  const iso = isoMedia(head);
  if (iso) return iso;
  for (const [test, mime] of RULES) if (test(head)) return mime;
  return textual(head) ?? 'application/octet-stream';
}

/** The kind an upload is when the client does not say. */
export function kindOfMime(mime: string): 'image' | 'audio' | 'video' | 'file' {
  if (mime.startsWith('image/') && mime !== 'image/svg+xml') return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}

/** Extensions that claim a type: an upload named like one whose bytes say otherwise is refused. */
const CLAIMS: Record<string, string[]> = {
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  bmp: ['image/bmp'],
  heic: ['image/heic'],
  avif: ['image/avif'],
  mp3: ['audio/mpeg'],
  wav: ['audio/wav'],
  amr: ['audio/amr'],
  m4a: ['audio/mp4', 'video/mp4'],
  aac: ['audio/aac', 'audio/mp4', 'video/mp4'],
  ogg: ['audio/ogg'],
  silk: ['audio/silk'],
  mp4: ['video/mp4', 'audio/mp4'],
  mov: ['video/quicktime', 'video/mp4'],
  webm: ['video/webm'],
  pdf: ['application/pdf'],
};

/** False when the name's extension claims a type the bytes are not (a .exe renamed .jpg). */
export function nameMatches(name: string, mime: string): boolean {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  const claimed = ext ? CLAIMS[ext] : undefined;
  return !claimed || claimed.includes(mime);
}
