/**
 * UTF-8 helpers without TextEncoder/TextDecoder, which several mini-program runtimes lack.
 * Used to measure frames against the server's size limit and to read binary frames.
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++; // the low surrogate is part of the same 4-byte sequence
    } else n += 3;
  }
  return n;
}

export function utf8Decode(bytes: Uint8Array): string {
  const points: number[] = [];
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i++];
    let cp = b;
    if (b >= 0xf0)
      cp = ((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else if (b >= 0xe0) cp = ((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else if (b >= 0xc0) cp = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
    points.push(cp);
    if (points.length >= 4096) out += String.fromCodePoint(...points.splice(0));
  }
  return out + String.fromCodePoint(...points);
}
