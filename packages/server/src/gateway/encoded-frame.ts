/**
 * UTF-8 bytes of the frame most recently broadcast. A broadcast hands the same string to every
 * recipient's session in a row, so one encoding serves them all (ws would encode per send).
 */
let lastText: string | undefined;
let lastBytes: Buffer | undefined;

export function encodedFrame(text: string): Buffer {
  if (text !== lastText || !lastBytes) {
    lastText = text;
    lastBytes = Buffer.from(text, 'utf8');
  }
  return lastBytes;
}
