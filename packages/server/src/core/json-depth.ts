/**
 * Nesting depth of parsed JSON, measured without recursion. JSON.parse copes with any depth, but
 * JSON.stringify and recursive validators overflow the stack at a few thousand levels: deep input is
 * refused at the edge with a typed error before anything recurses over it.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays/objects more than `max` levels deep. */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
