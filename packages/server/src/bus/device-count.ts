/** Distinct devices named by tracked session keys (JSON arrays whose third item is the device id). */
export function otherDevices(sessions: Iterable<string>, device: string): number {
  const seen = new Set<string>();
  for (const key of sessions) {
    try {
      const d = (JSON.parse(key) as unknown[])[2];
      if (typeof d === 'string' && d !== device) seen.add(d);
    } catch {
      // not a session key of the hub's: not a device
    }
  }
  return seen.size;
}
