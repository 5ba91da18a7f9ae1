/**
 * Schema issues worded for the press officer, in English and Korean: what is wrong with which
 * field, and what to write instead. The schemas (src/schemas/) only say what is valid; every
 * sentence an author reads about a field is here.
 */
import type { z } from 'astro/zod';
import type { ContentProblem } from './problems';
import { folderOf } from './reference-checks';
import { closestWord } from './did-you-mean';

type Issue = z.core.$ZodIssue;
type Words = { problem: string; fix: string };
type Bilingual = { en: Words; ko: Words };


/** Kinds of files, as the author knows them. */
const fileKinds: Record<string, { en: string; ko: string }> = {
  releases: { en: 'a release', ko: '보도자료' },
  photos: { en: 'a photo caption file', ko: '사진 설명 파일' },
  events: { en: 'an event', ko: '행사' },
  mous: { en: 'an MoU', ko: '업무협약' },
  organizations: { en: 'an organization', ko: '기관' },
  people: { en: 'a person', ko: '인물' },
  contacts: { en: 'a press contact', ko: '홍보 담당' },
};

/** A value as the author wrote it, short enough for one line. */
function shown(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

function describeType(value: unknown): { en: string; ko: string } {
  if (Array.isArray(value)) return { en: 'a list', ko: '목록' };
  if (value === null) return { en: 'empty', ko: '빈 값' };
  if (typeof value === 'object') return { en: 'a group of fields', ko: '하위 항목 묶음' };
  if (typeof value === 'number') return { en: `the number ${value}`, ko: `숫자 ${value}` };
  if (typeof value === 'boolean') return { en: `${value}`, ko: `${value}` };
  return { en: `the text ${shown(value)}`, ko: `글자 ${shown(value)}` };
}

const expectedWords: Record<string, Bilingual> = {
  string: {
    en: { problem: 'should be text', fix: 'write the text after the colon on the same line (in quotes if it starts with a special character such as : [ { # & *)' },
    ko: { problem: '글자여야 합니다', fix: '콜론 뒤 같은 줄에 글을 쓰세요(: [ { # & * 같은 기호로 시작하면 따옴표로 감싸세요)' },
  },
  array: {
    en: { problem: 'should be a list', fix: 'write one "- item" per line, indented under the field' },
    ko: { problem: '목록이어야 합니다', fix: '항목 아래에 들여 써서 한 줄에 하나씩 "- 값"으로 쓰세요' },
  },
  object: {
    en: { problem: 'should be a group of fields', fix: 'write its fields indented on the lines under it' },
    ko: { problem: '하위 항목 묶음이어야 합니다', fix: '아래 줄에 하위 항목을 들여 써서 쓰세요' },
  },
  number: {
    en: { problem: 'should be a number', fix: 'write the number in digits, without quotes' },
    ko: { problem: '숫자여야 합니다', fix: '따옴표 없이 숫자로 쓰세요' },
  },
  boolean: {
    en: { problem: 'should be true or false', fix: 'write true or false, without quotes' },
    ko: { problem: 'true 또는 false여야 합니다', fix: '따옴표 없이 true 또는 false로 쓰세요' },
  },
};

const momentExample = '2023-04-03T09:00+09:00';

/** The wording of a custom rule the schemas break (see `breaks` in src/schemas/rules.ts). */
function ruleWords(params: Record<string, unknown>, key: string): Bilingual {
  const value = params.value;
  const reason = params.reason as string | undefined;
  switch (params.rule) {
    case 'reference': {
      const folder = folderOf[params.collection as string] ?? 'content/';
      return {
        en: { problem: `${shown(value)} is not an id`, fix: `write the id of an entry (its file name without .yaml) in ${folder}` },
        ko: { problem: `${shown(value)}은(는) 항목 id가 아닙니다`, fix: `${folder}에 있는 항목의 id(확장자 .yaml을 뺀 파일 이름)를 쓰세요` },
      };
    }
    case 'date-time': {
      const dayToo = params.dayAllowed ? { en: `, or a day as 2023-04-03`, ko: ` 또는 2023-04-03처럼 날짜만` } : { en: '', ko: '' };
      const fix = {
        en: `write the date, the time and the time zone offset, e.g. ${key}: ${momentExample} (seconds may be left out)${dayToo.en}`,
        ko: `날짜, 시각, 시간대를 함께 쓰세요. 예: ${key}: ${momentExample} (초는 생략 가능)${dayToo.ko}`,
      };
      if (reason === 'no-time-zone') {
        return {
          en: { problem: `${shown(value)} has no time zone, so it would be read as UTC (9 hours off for Seoul)`, fix: fix.en },
          ko: { problem: `${shown(value)}에 시간대가 없어 UTC로 읽힙니다(서울 시각과 9시간 차이)`, fix: fix.ko },
        };
      }
      if (reason === 'impossible') {
        return {
          en: { problem: `${shown(value)} is not a real date or time (such as 30 February or 25:00)`, fix: `check the day, month and time; ${fix.en}` },
          ko: { problem: `${shown(value)}은(는) 존재하지 않는 날짜나 시각입니다(2월 30일, 25시 등)`, fix: `날짜와 시각을 확인하세요. ${fix.ko}` },
        };
      }
      return {
        en: { problem: `${shown(value)} is not a date and time`, fix: fix.en },
        ko: { problem: `${shown(value)}은(는) 날짜와 시각이 아닙니다`, fix: fix.ko },
      };
    }
    case 'day':
      return reason === 'impossible'
        ? {
            en: { problem: `${shown(value)} is not a real date (such as 30 February)`, fix: 'check the day and the month, written as YYYY-MM-DD' },
            ko: { problem: `${shown(value)}은(는) 존재하지 않는 날짜입니다(2월 30일 등)`, fix: '연-월-일(YYYY-MM-DD)로 쓴 날짜를 확인하세요' },
          }
        : {
            en: { problem: `${shown(value)} is not a date`, fix: 'write the day as YYYY-MM-DD, e.g. 2023-03-29' },
            ko: { problem: `${shown(value)}은(는) 날짜가 아닙니다`, fix: '2023-03-29처럼 연-월-일로 쓰세요' },
          };
    case 'local-time': {
      const fix = {
        en: 'write a day (2023-03-28) or a local time (2023-03-28T10:00) without an offset: the zone is given by "timeZone"',
        ko: '날짜(2023-03-28)나 현지 시각(2023-03-28T10:00)을 시간대 없이 쓰세요. 시간대는 "timeZone"에 씁니다',
      };
      if (reason === 'has-offset') {
        return { en: { problem: `${shown(value)} has a time zone offset`, fix: fix.en }, ko: { problem: `${shown(value)}에 시간대가 붙어 있습니다`, fix: fix.ko } };
      }
      if (reason === 'impossible') {
        return { en: { problem: `${shown(value)} is not a real date or time`, fix: fix.en }, ko: { problem: `${shown(value)}은(는) 존재하지 않는 날짜나 시각입니다`, fix: fix.ko } };
      }
      return { en: { problem: `${shown(value)} is not a day or a local time`, fix: fix.en }, ko: { problem: `${shown(value)}은(는) 날짜나 현지 시각이 아닙니다`, fix: fix.ko } };
    }
    case 'time-zone':
      return {
        en: { problem: `${shown(value)} is not a time zone name`, fix: 'write an IANA time zone name such as Asia/Seoul or Asia/Taipei' },
        ko: { problem: `${shown(value)}은(는) 시간대 이름이 아닙니다`, fix: 'Asia/Seoul, Asia/Taipei 같은 IANA 시간대 이름을 쓰세요' },
      };
    case 'country':
      return {
        en: { problem: 'is not a country code', fix: 'write the two-letter ISO 3166 code in capitals, e.g. KR or TW' },
        ko: { problem: '국가 코드가 아닙니다', fix: 'KR, TW처럼 ISO 3166 두 글자 대문자 코드를 쓰세요' },
      };
    case 'web-address':
      return {
        en: {
          problem: params.scheme ? `addresses starting with "${String(params.scheme)}" are not allowed here: only web pages (https://, http://)` : 'is not a full web address',
          fix: 'write the full address of the web page, starting with https://',
        },
        ko: {
          problem: params.scheme ? `"${String(params.scheme)}"로 시작하는 주소는 쓸 수 없습니다. 웹 주소(https://, http://)만 됩니다` : '완전한 웹 주소가 아닙니다',
          fix: 'https://로 시작하는 웹 페이지 주소 전체를 쓰세요',
        },
      };
    case 'email':
      return {
        en: { problem: 'is not an e-mail address', fix: 'write the address as name@example.org' },
        ko: { problem: '이메일 주소가 아닙니다', fix: 'name@example.org 형식으로 쓰세요' },
      };
    case 'range':
      return params.before === 'start'
        ? {
            en: { problem: `the event ends (${shown(value)}) before it starts (${shown(params.other)})`, fix: 'make "end" the same as or later than "start"' },
            ko: { problem: `행사 종료(${shown(value)})가 시작(${shown(params.other)})보다 앞섭니다`, fix: '"end"를 "start"와 같거나 그 뒤로 쓰세요' },
          }
        : {
            en: { problem: `is earlier than "${String(params.before)}"`, fix: `make it the same as or later than "${String(params.before)}"` },
            ko: { problem: `"${String(params.before)}"보다 앞섭니다`, fix: `"${String(params.before)}"와 같거나 그 뒤로 쓰세요` },
          };
    case 'tag-letters':
      return {
        en: { problem: `the tag ${shown(value)} has no letters or digits, so it cannot have a page`, fix: 'write the tag as a word, or remove it' },
        ko: { problem: `태그 ${shown(value)}에 글자나 숫자가 없어 태그 페이지를 만들 수 없습니다`, fix: '낱말로 쓰거나 지우세요' },
      };
    default:
      return {
        en: { problem: String(params.rule), fix: 'see the description of the field in src/schemas/collections.ts' },
        ko: { problem: String(params.rule), fix: 'src/schemas/collections.ts의 항목 설명을 확인하세요' },
      };
  }
}

/** The fields an object schema accepts at `path` inside `schema`, for "did you mean". */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema as unknown as z.core.$ZodType;
  const unwrap = () => {
    for (let guard = 0; current && guard < 20; guard += 1) {
      const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault' || def.type === 'readonly') current = def.innerType as z.core.$ZodType;
      else if (def.type === 'pipe') current = def.in as z.core.$ZodType;
      else return;
    }
  };
  for (const segment of path) {
    unwrap();
    const def = current?._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def?.type === 'object') current = (def.shape as Record<string, z.core.$ZodType>)[String(segment)];
    else if (def?.type === 'array') current = def.element as z.core.$ZodType;
    else return [];
  }
  unwrap();
  const def = current?._zod.def as unknown as Record<string, unknown> & { type: string };
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** Rules of values that must be there: without one, the field is simply missing. */
const valueRules = new Set(['reference', 'date-time', 'day', 'local-time']);

function issueWords(issue: Issue, key: string): Bilingual {
  const input = issue.code === 'custom' ? issue.params?.value : (issue as { input?: unknown }).input;
  const aboutValue = issue.code === 'invalid_type' || issue.code === 'invalid_value' || (issue.code === 'custom' && valueRules.has(issue.params?.rule));
  if (aboutValue && input === undefined) {
    return {
      en: { problem: 'is missing', fix: `add a line "${key}: …"` },
      ko: { problem: '값이 없습니다', fix: `"${key}: …" 줄을 추가하세요` },
    };
  }
  if (aboutValue && input === null) {
    return {
      en: { problem: 'is empty', fix: `write the value after "${key}:", or remove the line if the field is optional` },
      ko: { problem: '비어 있습니다', fix: `"${key}:" 뒤에 값을 쓰거나, 꼭 써야 하는 항목이 아니면 그 줄을 지우세요` },
    };
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedWords[issue.expected] ?? { en: { problem: `should be ${issue.expected}`, fix: 'correct the value' }, ko: { problem: `${issue.expected}여야 합니다`, fix: '값을 고치세요' } };
      const found = describeType(input);
      return {
        en: { problem: `${expected.en.problem}, not ${found.en}`, fix: expected.en.fix },
        ko: { problem: `${expected.ko.problem}(지금은 ${found.ko})`, fix: expected.ko.fix },
      };
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return { en: { problem: 'is empty', fix: 'write the text, or remove the line' }, ko: { problem: '비어 있습니다', fix: '내용을 쓰거나 그 줄을 지우세요' } };
      }
      if (issue.origin === 'array') {
        return {
          en: { problem: `must list at least ${String(issue.minimum)}`, fix: `add ${issue.minimum === 1 ? 'an item' : 'items'} as "- …" lines under it` },
          ko: { problem: `${String(issue.minimum)}개 이상 있어야 합니다`, fix: '아래에 "- …" 줄로 항목을 추가하세요' },
        };
      }
      return {
        en: { problem: `must be at least ${String(issue.minimum)}`, fix: 'correct the number' },
        ko: { problem: `${String(issue.minimum)} 이상이어야 합니다`, fix: '숫자를 고치세요' },
      };
    case 'too_big':
      return {
        en: { problem: `must be at most ${String(issue.maximum)}`, fix: 'correct the value' },
        ko: { problem: `${String(issue.maximum)} 이하여야 합니다`, fix: '값을 고치세요' },
      };
    case 'invalid_value': {
      const values = issue.values.map(String);
      const guess = typeof input === 'string' ? closestWord(input, values) : undefined;
      const list = values.join(', ');
      return {
        en: { problem: `${shown(input)} is not one of the allowed values`, fix: `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${list}` },
        ko: { problem: `${shown(input)}은(는) 쓸 수 있는 값이 아닙니다`, fix: `${guess ? `"${guess}"를 쓰려던 것인가요? ` : ''}다음 중 하나를 쓰세요: ${list}` },
      };
    }
    case 'custom':
      return ruleWords(issue.params ?? { rule: issue.message }, key);
    default:
      return {
        en: { problem: issue.message, fix: 'see the description of the field in src/schemas/collections.ts' },
        ko: { problem: issue.message, fix: 'src/schemas/collections.ts의 항목 설명을 확인하세요' },
      };
  }
}

/**
 * Every issue Zod found in one file, as content problems. An unknown key becomes one problem per
 * key, with the closest known field as a suggestion (`embarg0` → `embargo`, `Draft` → `draft`).
 */
export function schemaProblems(file: string, collection: string, schema: z.ZodType, issues: readonly Issue[]): ContentProblem[] {
  return issues.flatMap((issue): ContentProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      const kind = path.length === 0 ? fileKinds[collection] ?? { en: 'this file', ko: '이 파일' } : { en: `"${path.join('.')}"`, ko: `"${path.join('.')}"` };
      return issue.keys.map((key) => {
        const guess = closestWord(key, known);
        const all = known.join(', ');
        return {
          file,
          field: [...path, key].join('.'),
          problem: `"${key}" is not a field of ${kind.en}, so it would be ignored`,
          fix: guess ? `did you mean "${guess}"? Rename it; otherwise remove the line (fields: ${all})` : `remove the line, or use one of the fields: ${all}`,
          ko: {
            problem: `"${key}"은(는) ${kind.ko}에 없는 항목이라 무시됩니다`,
            fix: guess ? `"${guess}"를 쓰려던 것인가요? 이름을 고치거나 그 줄을 지우세요(항목: ${all})` : `그 줄을 지우거나 다음 항목 중 하나를 쓰세요: ${all}`,
          },
        };
      });
    }
    const key = path.filter((segment) => !/^\d+$/.test(segment)).at(-1) ?? 'field';
    const words = issueWords(issue, key);
    return [{ file, field: path.join('.') || undefined, problem: words.en.problem, fix: words.en.fix, ko: words.ko }];
  });
}
