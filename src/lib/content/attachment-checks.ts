/**
 * Checks on a release's attachments (`files/<name>` beside the release): that each is a file of
 * that folder, of a type we publish, known by its content and not by its name alone, whole enough
 * to open, and within the size limit. A page offers it as "PDF, 0.1 MB": a renamed ZIP or a PDF
 * cut short in an upload would reach journalists as a file that does not open.
 *
 * Author metadata inside attachments (the writer's or last editor's name) is read here too, for
 * the media stage to print as a warning: it is not wrong, but often not meant to be published.
 */
import { open, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import yauzl from 'yauzl';
import type { ExifTool } from 'exiftool-vendored';
import { whereFileLeads } from './files';
import type { ContentProblem } from './problems';

/** The folder beside a release's language files that holds its attachments. */
export const ATTACHMENTS_FOLDER = 'files';

/**
 * Cloudflare Pages serves no file above 25 MiB, and a release's documents are far smaller: a
 * larger one is a scan at print resolution or a file with video embedded.
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const attachmentFormats = {
  pdf: { label: 'PDF', contentType: 'application/pdf' },
  hwp: { label: 'HWP', contentType: 'application/x-hwp' },
  hwpx: { label: 'HWPX', contentType: 'application/hwp+zip' },
  docx: { label: 'DOCX', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { label: 'XLSX', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  odt: { label: 'ODT', contentType: 'application/vnd.oasis.opendocument.text' },
  csv: { label: 'CSV', contentType: 'text/csv; charset=utf-8' },
} as const;
export type AttachmentFormat = keyof typeof attachmentFormats;

const isFormat = (value: string): value is AttachmentFormat => value in attachmentFormats;

/** The format a file's name claims (its extension, any case), if it is one we publish. */
export function formatByName(name: string): AttachmentFormat | undefined {
  const extension = extname(name).slice(1).toLowerCase();
  return isFormat(extension) ? extension : undefined;
}

/** What bytes that are none of our formats are instead. */
type OtherKind = 'zip' | 'binary' | 'not-utf8' | 'text' | 'unknown';
/** Why a file that starts as one of our formats cannot be opened. */
type Damage = 'pdf-header' | 'pdf-trailer' | 'zip';

/** What a file's bytes are: one of our formats (perhaps damaged), or something else. */
export interface Detection {
  format?: AttachmentFormat;
  other?: OtherKind;
  damage?: Damage;
}

const otherWords: Record<OtherKind, { en: string; ko: string }> = {
  zip: { en: 'a ZIP archive', ko: 'ZIP 압축 파일' },
  binary: { en: 'a binary file', ko: '이진 파일' },
  'not-utf8': { en: 'text that is not UTF-8 (perhaps EUC-KR)', ko: 'UTF-8이 아닌 텍스트(EUC-KR일 수 있음)' },
  text: { en: 'a text file', ko: '텍스트 파일' },
  unknown: { en: 'a file of an unknown type', ko: '알 수 없는 형식의 파일' },
};
const damageWords: Record<Damage, { en: string; ko: string }> = {
  'pdf-header': { en: 'its first bytes are not the PDF header "%PDF-"', ko: '맨 앞이 PDF 머리("%PDF-")가 아닙니다' },
  'pdf-trailer': { en: 'it ends without the PDF trailer ("startxref" and "%%EOF"), so it was cut short or damaged', ko: 'PDF 끝부분("startxref"와 "%%EOF")이 없어, 파일이 잘렸거나 손상되었습니다' },
  zip: { en: 'its ZIP structure is damaged', ko: 'ZIP 구조가 손상되었습니다' },
};

const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');
/** Readers look for the trailer in the last kilobyte: an incremental update may follow `%%EOF` with a few bytes. */
const PDF_TRAILER_WINDOW = 1024;

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(length), 0, length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Entry names of a ZIP and the text of the few entries that tell its kind and hold its metadata. */
async function readZipEntries(path: string, wanted: (name: string) => boolean): Promise<{ names: string[]; texts: Map<string, string> }> {
  const zip = await yauzl.openPromise(path, { strictFileNames: false, validateEntrySizes: true });
  const names: string[] = [];
  const texts = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      // The files asked for are a few kilobytes; a huge one is not a real marker, and is not read into memory.
      if (!wanted(entry.fileName) || entry.uncompressedSize > 1_000_000) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return { names, texts };
}

const ZIP_MARKERS = new Set(['mimetype', '[Content_Types].xml']);

async function detectZip(path: string): Promise<Detection> {
  let read: Awaited<ReturnType<typeof readZipEntries>>;
  try {
    read = await readZipEntries(path, (name) => ZIP_MARKERS.has(name));
  } catch {
    return { other: 'zip', damage: 'zip' };
  }
  const mimetype = read.texts.get('mimetype')?.trim();
  if (mimetype === attachmentFormats.hwpx.contentType) return { format: 'hwpx' };
  if (mimetype === attachmentFormats.odt.contentType) return { format: 'odt' };
  if (read.texts.has('[Content_Types].xml')) {
    if (read.names.some((name) => name.startsWith('word/'))) return { format: 'docx' };
    if (read.names.some((name) => name.startsWith('xl/'))) return { format: 'xlsx' };
  }
  return { other: 'zip' };
}

/** Text a spreadsheet can read as CSV: UTF-8 throughout (Korean in EUC-KR shows as noise), no NUL byte. */
function detectCsv(bytes: Buffer): Detection {
  if (bytes.includes(0)) return { other: 'binary' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { other: 'not-utf8' };
  }
  return { format: 'csv' };
}

/**
 * What a file is, from its bytes: the PDF header and trailer, the OLE2 signature of HWP, the
 * inner marker of a ZIP-based document, or UTF-8 text for CSV. `expected` (from the name) only
 * decides whether a text file is read through as CSV.
 */
export async function detectAttachment(path: string, size: number, expected?: AttachmentFormat): Promise<Detection> {
  const head = await readRange(path, 0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    const start = Math.max(0, size - PDF_TRAILER_WINDOW);
    const tail = (await readRange(path, start, size - start)).toString('latin1');
    if (!/startxref\s+\d+\s+%%EOF/.test(tail)) return { format: 'pdf', damage: 'pdf-trailer' };
    return { format: 'pdf' };
  }
  if (head.equals(OLE2_SIGNATURE)) return { format: 'hwp' };
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) return detectZip(path);
  // "%PDF1.7", "%PD-1.7", "PDF-1.7": a header damaged by an editor or a transfer, not another type.
  if (/^(%PD|%?PDF)/.test(head.toString('latin1'))) return { format: 'pdf', damage: 'pdf-header' };
  if (expected === 'csv') return detectCsv(await readRange(path, 0, size));
  const asText = detectCsv(await readRange(path, 0, Math.min(size, 65_536)));
  return { other: asText.format ? 'text' : asText.other === 'binary' ? 'binary' : 'unknown' };
}

const formatList = Object.values(attachmentFormats).map((format) => format.label).join(', ');

/**
 * An attachment's `file` must name a file of the release's own `files/` folder: a path (or a
 * link) out of it would publish another release's file, embargo or not, or any file of the build
 * machine.
 */
export function attachmentPathProblems(file: string, field: string, name: string, releaseFolder: string, contentRoot: string): ContentProblem[] {
  const folder = join(releaseFolder, ATTACHMENTS_FOLDER);
  const path = resolve(folder, name);
  const where = whereFileLeads(path, folder, contentRoot);
  if (where.lands === 'inside') return [];
  if (where.lands === 'nowhere') {
    const shownPath = relative(process.cwd(), path);
    return [
      {
        file,
        field,
        problem: `the file "${name}" does not exist`,
        fix: `put the file at ${shownPath}, or correct the name (only the file name, as it is in the release's ${ATTACHMENTS_FOLDER}/ folder)`,
        ko: { problem: `"${name}" 파일이 없습니다`, fix: `파일을 ${shownPath}에 두거나 이름을 고치세요(보도자료의 ${ATTACHMENTS_FOLDER}/ 폴더 안 파일 이름만 씁니다)` },
      },
    ];
  }
  return [
    {
      file,
      field,
      problem: `"${name}" leads out of this release's ${ATTACHMENTS_FOLDER}/ folder (to ${where.target ?? 'a file outside the content folder'})`,
      fix: `copy the file into ${relative(process.cwd(), folder)}/ and write only its name`,
      ko: {
        problem: `"${name}"이(가) 이 보도자료의 ${ATTACHMENTS_FOLDER}/ 폴더 밖(${where.target ?? '콘텐츠 폴더 밖의 파일'})을 가리킵니다`,
        fix: `파일을 ${relative(process.cwd(), folder)}/에 복사하고 파일 이름만 적으세요`,
      },
    },
  ];
}

/** Type, wholeness and size of an attachment already known to be in its folder. */
export async function attachmentFileProblems(file: string, field: string, name: string, path: string): Promise<ContentProblem[]> {
  const problem = (en: { problem: string; fix: string }, ko: { problem: string; fix: string }): ContentProblem[] => [{ file, field, ...en, ko }];
  const expected = formatByName(name);
  if (!expected) {
    return problem(
      { problem: `"${name}" is not a type of file the site publishes`, fix: `attach ${formatList} files (named with that extension); export other documents as PDF` },
      { problem: `"${name}"은(는) 사이트에 올릴 수 있는 파일 형식이 아닙니다`, fix: `${formatList} 파일만 첨부할 수 있습니다(그 확장자로 이름을 붙이세요). 다른 문서는 PDF로 내보내세요` },
    );
  }
  const { size } = await stat(path);
  if (size > MAX_ATTACHMENT_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return problem(
      { problem: `"${name}" is ${mb} MiB, above the limit of 25 MiB for an attachment`, fix: 'make the file smaller (a PDF exported for screen rather than print; pictures at a lower resolution), or split it' },
      { problem: `"${name}"은(는) ${mb}MiB로, 첨부 파일 한도인 25MiB를 넘습니다`, fix: '파일을 줄이세요(PDF는 인쇄용이 아닌 화면용으로 내보내고, 그림 해상도를 낮춥니다). 또는 파일을 나누세요' },
    );
  }
  if (size === 0) {
    return problem({ problem: `"${name}" is empty`, fix: 'save the document again and put the saved file there' }, { problem: `"${name}"이(가) 빈 파일입니다`, fix: '문서를 다시 저장해 그 파일을 넣으세요' });
  }
  const found = await detectAttachment(path, size, expected);
  const label = attachmentFormats[expected].label;
  if (found.format === expected && found.damage) {
    const damage = damageWords[found.damage];
    return problem(
      { problem: `"${name}" is a damaged ${label}: ${damage.en}`, fix: `export or download the ${label} again and replace the file` },
      { problem: `"${name}"은(는) 손상된 ${label} 파일입니다. ${damage.ko}`, fix: `${label} 파일을 다시 내보내거나 내려받아 바꿔 넣으세요` },
    );
  }
  if (found.format === expected) return [];
  const actual = found.format
    ? { en: `a ${attachmentFormats[found.format].label} file`, ko: `${attachmentFormats[found.format].label} 파일` }
    : otherWords[found.other ?? 'unknown'];
  const extension = found.format && !found.damage ? `.${found.format}` : undefined;
  return problem(
    {
      problem: `"${name}" is named as ${label} but its content is ${actual.en}`,
      fix: extension ? `rename the file to end in ${extension} (and the "file" line with it)` : `replace it with the real ${label} file (export the document as ${label} again)`,
    },
    {
      problem: `"${name}"은(는) 이름은 ${label} 파일이지만 내용은 ${actual.ko}입니다`,
      fix: extension ? `파일 이름을 ${extension}로 끝나게 바꾸고 "file" 줄도 같이 고치세요` : `진짜 ${label} 파일로 바꿔 넣으세요(문서를 ${label}로 다시 내보내세요)`,
    },
  );
}

/** A name of a person found in a file's metadata: where it is, and what it says. */
export interface AuthorField {
  field: string;
  value: string;
}

const xmlText = (xml: string | undefined, tag: string) =>
  [...(xml ?? '').matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((match) => match[1]!.trim()).filter(Boolean);

const zipMetadata: Partial<Record<AttachmentFormat, { entry: string; tags: string[] }>> = {
  docx: { entry: 'docProps/core.xml', tags: ['dc:creator', 'cp:lastModifiedBy'] },
  xlsx: { entry: 'docProps/core.xml', tags: ['dc:creator', 'cp:lastModifiedBy'] },
  odt: { entry: 'meta.xml', tags: ['meta:initial-creator', 'dc:creator'] },
};

/**
 * People's names in an attachment's metadata. PDFs are read by exiftool (the document
 * information dictionary and XMP, compressed object streams included); the ZIP-based formats from
 * their metadata part; HWPX from its package file's `creator` and `lastsaveby`. HWP keeps them in
 * an OLE2 stream exiftool does not read, so HWP is not covered.
 */
export async function authorFields(path: string, format: AttachmentFormat, exiftool: ExifTool): Promise<AuthorField[]> {
  if (format === 'pdf') {
    const tags = (await exiftool.readRaw(path, { readArgs: ['-G1', '-PDF:Author', '-XMP-dc:Creator', '-XMP-pdf:Author'] })) as Record<string, unknown>;
    return Object.entries(tags)
      .filter(([key]) => /^(PDF|XMP-dc|XMP-pdf):(Author|Creator)$/.test(key))
      .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => ({ field: key.replace(/^PDF:/, '/').replace(/^XMP-dc:Creator$/, 'XMP dc:creator').replace(/^XMP-pdf:Author$/, 'XMP pdf:Author'), value: String(one).trim() })))
      .filter((found) => found.value !== '');
  }
  const zipped = zipMetadata[format];
  if (zipped) {
    const { texts } = await readZipEntries(path, (name) => name === zipped.entry);
    return zipped.tags.flatMap((tag) => xmlText(texts.get(zipped.entry), tag).map((value) => ({ field: `${zipped.entry} ${tag}`, value })));
  }
  if (format === 'hwpx') {
    const { texts } = await readZipEntries(path, (name) => name === 'Contents/content.hpf');
    const hpf = texts.get('Contents/content.hpf') ?? '';
    return [...hpf.matchAll(/<opf:meta\s+name="(creator|lastsaveby)"[^>]*>([^<]*)<\/opf:meta>/g)]
      .map((match) => ({ field: `Contents/content.hpf ${match[1]}`, value: match[2]!.trim() }))
      .filter((found) => found.value !== '');
  }
  return [];
}

const removal: Record<AttachmentFormat, { en: string; ko: string }> = {
  pdf: { en: 'clear the author in the program that made the PDF (File → Properties) and export it again; a PDF edited in place keeps the old value in its history', ko: 'PDF를 만든 프로그램에서 작성자를 지우고(파일 → 속성) 다시 내보내세요. 이미 만든 PDF를 고치면 예전 값이 파일 안에 남습니다' },
  hwp: { en: 'in Hangul, clear the author under File → Document Info and save again', ko: '한글에서 파일 → 문서 정보의 지은이를 지우고 다시 저장하세요' },
  hwpx: { en: 'in Hangul, clear the author under File → Document Info and save again', ko: '한글에서 파일 → 문서 정보의 지은이를 지우고 다시 저장하세요' },
  docx: { en: 'in Word or Excel, File → Info → Check for Issues → Inspect Document, remove "Document Properties and Personal Information", and save', ko: 'Word나 Excel에서 파일 → 정보 → 문제 확인 → 문서 검사로 "문서 속성 및 개인 정보"를 제거하고 저장하세요' },
  xlsx: { en: 'in Word or Excel, File → Info → Check for Issues → Inspect Document, remove "Document Properties and Personal Information", and save', ko: 'Word나 Excel에서 파일 → 정보 → 문제 확인 → 문서 검사로 "문서 속성 및 개인 정보"를 제거하고 저장하세요' },
  odt: { en: 'in LibreOffice, File → Properties: clear the author and untick "Apply user data", then save', ko: 'LibreOffice에서 파일 → 속성의 작성자를 지우고 "사용자 데이터 적용"을 끈 뒤 저장하세요' },
  csv: { en: 'remove the names from the file', ko: '파일에서 이름을 지우세요' },
};

/** The warning for names found in an attachment's metadata, worded like a content problem. */
export function authorWarning(file: string, format: AttachmentFormat, found: AuthorField[]): ContentProblem {
  const list = found.map((one) => `${one.field} "${one.value}"`).join(', ');
  return {
    file,
    field: 'metadata',
    problem: `is published with names in its metadata: ${list}`,
    fix: `if they are not meant to be public, ${removal[format].en}`,
    ko: { problem: `메타데이터에 이름이 들어 있는 채로 공개됩니다: ${list}`, fix: `공개할 이름이 아니라면 ${removal[format].ko}` },
  };
}
