/**
 * Client ids for messages (the `cid` the server deduplicates on) and devices. They need to be
 * unique per sender, not secret: time + a counter + randomness, with no crypto API (mini-programs
 * differ in what they offer).
 */
let counter = 0;

export function uniqueId(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const rand = Math.floor(Math.random() * 2_821_109_907_456).toString(36); // 36^8
  return Date.now().toString(36) + counter.toString(36).padStart(4, '0') + rand.padStart(8, '0');
}
