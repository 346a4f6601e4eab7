/** Base64 for Alipay's binary frames (`isBuffer`): mini-programs have no atob/btoa or Buffer. */
const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(buf: ArrayBuffer): string {
  const b = new Uint8Array(buf);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += ABC[n >> 18] + ABC[(n >> 12) & 63];
    out += i + 1 < b.length ? ABC[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? ABC[n & 63] : '=';
  }
  return out;
}

export function fromBase64(s: string): ArrayBuffer {
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const ch of clean) {
    acc = (acc << 6) | ABC.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 255;
    }
  }
  return out.buffer.slice(0, j);
}
