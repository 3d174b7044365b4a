/**
 * Split a CLI line into words as the array's shell does for the commands clients send: blanks separate words,
 * double or single quotes group them (without the quotes), a backslash escapes the next character.
 */
export function splitWords(line: string): string[] | { unbalanced: true } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && quote !== "'" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return { unbalanced: true };
  if (inWord) words.push(cur);
  return words;
}
