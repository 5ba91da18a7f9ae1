/**
 * Characters no output can carry safely. XML 1.0 and iCalendar cannot hold most control
 * characters even escaped, and bidirectional overrides make a name read differently from its
 * bytes (a caption that shows one name and searches as another), so both are refused where the
 * author can fix them, rather than dropped somewhere downstream.
 */
import type { ContentProblem } from './problems';

/** C0 and C1 controls other than tab, line feed and carriage return, and DEL. */
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Embeddings, overrides and isolates (U+202A–202E, U+2066–2069); plain marks (U+200E/F) stay allowed. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/u;
const lineBreaks = /[\r\n\u2028\u2029\u0085]/u;

/** Fields written as running text, where a line break (from a YAML block scalar) is fine. */
const multiLineFields = new Set(['summary', 'description', 'caption', 'alt', 'address', 'scope']);

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function unsafeCharacter(text: string, allowLineBreaks: boolean): { en: string; ko: string } | undefined {
  const control = controls.exec(text) ?? (allowLineBreaks ? null : /\t/.exec(text));
  if (control) return { en: `holds an invisible control character (${codePoint(control[0])})`, ko: `보이지 않는 제어 문자(${codePoint(control[0])})가 들어 있습니다` };
  const bidi = bidiControls.exec(text);
  if (bidi) return { en: `holds a character that reverses the reading direction (${codePoint(bidi[0])})`, ko: `글자 방향을 뒤집는 문자(${codePoint(bidi[0])})가 들어 있습니다` };
  if (!allowLineBreaks && lineBreaks.test(text.trim())) return { en: 'runs over more than one line', ko: '여러 줄로 되어 있습니다' };
  return undefined;
}

/** Every string in a file's data (as parsed from YAML) that holds a character no output can carry. */
export function unsafeTextProblems(file: string, data: unknown, path: string[] = []): ContentProblem[] {
  if (typeof data === 'string') {
    const named = path.filter((segment) => !/^\d+$/.test(segment));
    const field = named.find((segment) => multiLineFields.has(segment));
    const found = unsafeCharacter(data, field !== undefined);
    if (!found) return [];
    return [
      {
        file,
        field: path.join('.'),
        problem: found.en,
        fix: 'retype the text in an editor that shows hidden characters (or paste it as plain text), and keep it on one line unless it is running text',
        ko: { problem: found.ko, fix: '숨은 문자를 보여 주는 편집기에서 다시 입력하거나 서식 없는 글로 붙여 넣으세요. 본문 성격의 글이 아니면 한 줄로 쓰세요' },
      },
    ];
  }
  if (Array.isArray(data)) return data.flatMap((item, index) => unsafeTextProblems(file, item, [...path, String(index)]));
  if (typeof data === 'object' && data !== null && !(data instanceof Date)) {
    return Object.entries(data).flatMap(([key, value]) => unsafeTextProblems(file, value, [...path, key]));
  }
  return [];
}

/** Control characters and direction overrides in a release body, by line (tabs and line breaks are fine there). */
export function unsafeBodyProblems(file: string, body: string, firstLine: number): ContentProblem[] {
  return body.split('\n').flatMap((line, index) => {
    const found = unsafeCharacter(line.replace(/\r$/, ''), true);
    if (!found) return [];
    return [
      {
        file,
        field: `line ${index + firstLine}`,
        problem: found.en,
        fix: 'retype the line in an editor that shows hidden characters, or paste the text as plain text',
        ko: { problem: found.ko, fix: '숨은 문자를 보여 주는 편집기에서 그 줄을 다시 입력하거나 서식 없는 글로 붙여 넣으세요' },
      },
    ];
  });
}
