/** Escaping for text placed in SVG and HTML (element content and attribute values alike). */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `&`, `<`, `>`, `"` and `'`, so any user-written text (titles, ids) is safe in markup. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
