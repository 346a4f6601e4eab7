/**
 * Upload names are kept only as a label for downloads: never as a path. Anything a name could
 * smuggle (directories, `..`, control characters such as CR/LF, bidi overrides that disguise an
 * extension) is removed here, once, at upload.
 */
const MAX_NAME_BYTES = 255;
// C0/C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates, BOM.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function sanitizeFileName(raw: string | undefined, fallback = 'file'): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base.replace(UNSAFE, '').replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '' || /^\.+$/.test(name)) return fallback;
  while (new TextEncoder().encode(name).length > MAX_NAME_BYTES) name = [...name].slice(0, -1).join('');
  return name;
}
