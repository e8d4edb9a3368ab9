const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Undoes the escaping of the gateway's and the provider's pages. */
export function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);
}

/**
 * The text of the element with this `id`, as a browser's `textContent` would give it for an
 * element that holds only text. Undefined when the page has no such element.
 */
export function textById(html: string, id: string): string | undefined {
  const element = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return element ? decodeHtml(element[2]) : undefined;
}

/** The value of an attribute in the text of one start tag. */
export function attributeOf(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : decodeHtml(value);
}
