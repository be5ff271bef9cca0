// Recognising a Secret in raw text, before (or without) parsing: code frames and the lines kept for them
// must never show one.

/** `kind: Secret` however written: block or flow style, JSON, quoted, tagged, as a list item, indented. */
const SECRET_KIND = /(^|[\s{,[-])["']?kind["']?\s*:\s*(!!?[\w/:.-]+\s+)?["']?Secret["']?(?![\w-])/m;

/** Whether `text` (a line or a whole document) declares a Secret anywhere in it. */
export function declaresSecret(text: string): boolean {
  return SECRET_KIND.test(text);
}
