/**
 * Words joined by a middle dot ("협·단체", "産·學") read as one word, but browsers may break a line
 * on either side of the dot (Unicode gives it no class of its own in Korean and Chinese text, and
 * `word-break: keep-all` only keeps letters together). Headings mark such runs so CSS keeps them on
 * one line; no invisible characters are added, so copied text stays as written.
 */
export interface TextRun {
  text: string;
  /** True for a run that must not be broken across lines. */
  keep: boolean;
}

const joinedWords = /[\p{L}\p{N}]+(?:[\u00B7\u2027\u30FB\u2022][\p{L}\p{N}]+)+/gu;

export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(joinedWords)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), keep: false });
    runs.push({ text: match[0], keep: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), keep: false });
  return runs;
}
