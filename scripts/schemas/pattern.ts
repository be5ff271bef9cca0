// CRD patterns are RE2 (Go) syntax; ajv compiles them as JavaScript `u` regexes. The only RE2-only construct in
// the pinned schemas is the case-insensitive flag group `(?i)`, which JavaScript lacks inside a pattern: it is
// rewritten into explicit letter classes. A pattern that still does not compile is dropped (never a crash).

export function toJsPattern(pattern: string): string | undefined {
  const translated = pattern.includes('(?i)') ? caseInsensitive(pattern.replace(/\(\?i\)/g, '')) : pattern;
  try {
    new RegExp(translated, 'u');
    return translated;
  } catch {
    return undefined;
  }
}

/** `abc` → `[aA][bB][cC]`; letters inside `[...]` get both cases; escapes are left alone. */
function caseInsensitive(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += /[a-z]/i.test(c) ? c.toLowerCase() + c.toUpperCase() : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    out += /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}
