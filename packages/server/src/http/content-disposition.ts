/**
 * Content-Disposition for a stored name (RFC 6266): an ASCII `filename` fallback with every
 * character that could end the value or the header replaced, and the exact name in `filename*`
 * (RFC 8187 percent-encoding), so no name can inject a header, a parameter or a path.
 */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

function encode5987(name: string): string {
  let out = '';
  for (const ch of name) {
    if (ATTR_CHAR.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const asciiFallback = (name: string): string => name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 200) || 'file';

export function contentDisposition(name: string, inline: boolean): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encode5987(name)}`;
}
