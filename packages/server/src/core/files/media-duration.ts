/**
 * Durations read cheaply from the first bytes, to check what the client says: WAV (header and
 * data size) and MP4/MOV whose `moov` comes first (the `mvhd` box). Anything else: unknown.
 */
const u32le = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 2 ** 24;
const u32be = (b: Uint8Array, at: number) => b[at]! * 2 ** 24 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
const tag = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

function wavSeconds(b: Uint8Array, totalSize: number): number | undefined {
  let byteRate = 0;
  for (let at = 12; at + 8 <= b.length;) {
    const id = tag(b, at);
    const size = u32le(b, at + 4);
    if (id === 'fmt ' && at + 16 <= b.length) byteRate = u32le(b, at + 16);
    if (id === 'data') return byteRate > 0 ? Math.min(size, totalSize - at - 8) / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}

function mp4Seconds(b: Uint8Array): number | undefined {
  for (let i = 4; i + 28 <= b.length; i++) {
    if (b[i] !== 0x6d || tag(b, i) !== 'mvhd') continue; // 'm'
    const v = b[i + 4];
    const at = i + 8 + (v === 1 ? 16 : 8);
    const scale = u32be(b, at);
    const dur = v === 1 ? u32be(b, at + 4) * 2 ** 32 + u32be(b, at + 8) : u32be(b, at + 4);
    return scale > 0 ? dur / scale : undefined;
  }
  return undefined;
}

export function readDuration(mime: string, head: Uint8Array, totalSize: number): number | undefined {
  if (mime === 'audio/wav') return wavSeconds(head, totalSize);
  if (['video/mp4', 'audio/mp4', 'video/quicktime', 'video/3gpp'].includes(mime)) return mp4Seconds(head);
  return undefined;
}

/** The client's duration is kept unless the bytes show it off by more than a second and 10%. */
export function plausibleDuration(claimed: number, measured: number): boolean {
  return Math.abs(claimed - measured) <= Math.max(1, measured * 0.1);
}
