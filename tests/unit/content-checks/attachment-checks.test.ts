import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentFileProblems,
  attachmentPathProblems,
  authorFields,
  detectAttachment,
  MAX_ATTACHMENT_BYTES,
} from '../../../src/lib/content/attachment-checks';
import { writeZip } from '../../../src/lib/packs/zip-writer';

let dir: string;
let content: string;
let release: string;
let files: string;
const exiftool = new ExifTool({ maxProcs: 1 });

/** A PDF a reader opens: header, one object, cross-reference table, trailer. */
function minimalPdf(info = ''): Buffer {
  let pdf = '%PDF-1.4\n';
  const catalog = pdf.length;
  pdf += '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
  const pages = pdf.length;
  pdf += '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
  const infoAt = pdf.length;
  pdf += `3 0 obj\n<< ${info} >>\nendobj\n`;
  const xref = pdf.length;
  pdf += `xref\n0 4\n0000000000 65535 f \n${[catalog, pages, infoAt].map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
/** The OLE2 compound file signature HWP 5 files start with, then a header's worth of bytes. */
const hwp = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

const write = (name: string, data: string | Buffer) => {
  const path = join(files, name);
  writeFileSync(path, data);
  return path;
};
const zip = async (name: string, entries: Array<[string, string]>) => {
  const path = join(files, name);
  await writeZip(path, entries.map(([entry, data]) => ({ name: entry, source: { data } })));
  return path;
};
const detect = (path: string, expected?: Parameters<typeof detectAttachment>[2]) => detectAttachment(path, statSync(path).size, expected);
const problemsOf = (name: string) => attachmentFileProblems('content/releases/r/ko.mdx', 'attachments.0.file', name, join(files, name));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attachment-checks-'));
  content = join(dir, 'content');
  release = join(content, 'releases', 'r');
  files = join(release, 'files');
  mkdirSync(files, { recursive: true });
  write('release.pdf', minimalPdf());
  write('release.hwp', hwp);
  write('data.csv', '기관,설립\nTCA,1974\n');
  await zip('release.hwpx', [['mimetype', 'application/hwp+zip'], ['Contents/content.hpf', '<opf:package><opf:metadata><opf:meta name="creator" content="text">김기자</opf:meta></opf:metadata></opf:package>']]);
  await zip('release.odt', [['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);
  await zip('release.docx', [['[Content_Types].xml', contentTypes], ['word/document.xml', '<w:document/>'], ['docProps/core.xml', '<cp:coreProperties><dc:creator>Kim Press</dc:creator><cp:lastModifiedBy>Lee Editor</cp:lastModifiedBy></cp:coreProperties>']]);
  await zip('table.xlsx', [['[Content_Types].xml', contentTypes], ['xl/workbook.xml', '<workbook/>']]);
});

afterAll(async () => {
  await exiftool.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('attachment types are known by their content', () => {
  it.each([
    ['release.pdf', 'pdf'],
    ['release.hwp', 'hwp'],
    ['release.hwpx', 'hwpx'],
    ['release.odt', 'odt'],
    ['release.docx', 'docx'],
    ['table.xlsx', 'xlsx'],
    ['data.csv', 'csv'],
  ] as const)('%s is %s, and passes the check', async (name, format) => {
    expect(await detect(join(files, name), format)).toEqual({ format });
    expect(await problemsOf(name)).toEqual([]);
  });

  it('tells a DOCX from an XLSX and an ODT from an HWPX by their inner marker, not by the ZIP signature alone', async () => {
    write('docx-named.xlsx', await import('node:fs').then((fs) => fs.readFileSync(join(files, 'release.docx'))));
    const [problem] = await problemsOf('docx-named.xlsx');
    expect(problem!.problem).toBe('"docx-named.xlsx" is named as XLSX but its content is a DOCX file');
    expect(problem!.fix).toContain('rename the file to end in .docx');
    const plain = await zip('plain.hwpx', [['readme.txt', 'hello']]);
    expect(await detect(plain)).toEqual({ other: 'zip' });
  });

  it('refuses a PDF whose header is broken', async () => {
    write('broken-header.pdf', Buffer.concat([Buffer.from('%PDF1.4'), minimalPdf().subarray(8)]));
    expect(await detect(join(files, 'broken-header.pdf'), 'pdf')).toEqual({ format: 'pdf', damage: 'pdf-header' });
    const [problem] = await problemsOf('broken-header.pdf');
    expect(problem!.problem).toBe('"broken-header.pdf" is a damaged PDF: its first bytes are not the PDF header "%PDF-"');
    expect(problem!.ko.problem).toMatch(/손상된 PDF 파일입니다.*니다$/);
  });

  it('refuses a PDF cut short before its trailer', async () => {
    const whole = minimalPdf();
    write('truncated.pdf', whole.subarray(0, whole.lastIndexOf('startxref')));
    const [problem] = await problemsOf('truncated.pdf');
    expect(problem!.problem).toContain('is a damaged PDF: it ends without the PDF trailer ("startxref" and "%%EOF")');
    expect(problem!.fix).toContain('export or download the PDF again');
  });

  it('refuses a .pdf that is really a ZIP', async () => {
    await zip('really-zip.pdf', [['a.txt', 'a']]);
    const [problem] = await problemsOf('really-zip.pdf');
    expect(problem!.problem).toBe('"really-zip.pdf" is named as PDF but its content is a ZIP archive');
    expect(problem!.ko.problem).toBe('"really-zip.pdf"은(는) 이름은 PDF 파일이지만 내용은 ZIP 압축 파일입니다');
  });

  it('knows an HWP by the OLE2 signature, and a .hwp without it is refused', async () => {
    write('not-ole.hwp', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0x00]), Buffer.alloc(504)]));
    expect(await detect(join(files, 'release.hwp'), 'hwp')).toEqual({ format: 'hwp' });
    const [problem] = await problemsOf('not-ole.hwp');
    expect(problem!.problem).toBe('"not-ole.hwp" is named as HWP but its content is a binary file');
  });

  it('refuses a CSV that is not UTF-8, with the likely cause', async () => {
    // "기관" in EUC-KR.
    write('euc-kr.csv', Buffer.from([0xb1, 0xe2, 0xb0, 0xfc, 0x2c, 0x31, 0x0a]));
    const [problem] = await problemsOf('euc-kr.csv');
    expect(problem!.problem).toContain('its content is text that is not UTF-8 (perhaps EUC-KR)');
  });

  it('refuses types the site does not publish, an empty file, and a file above the size limit', async () => {
    write('slides.pptx', 'x');
    write('empty.pdf', '');
    write('huge.pdf', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1));
    expect((await problemsOf('slides.pptx'))[0]!.fix).toContain('attach PDF, HWP, HWPX, DOCX, XLSX, ODT, CSV files');
    expect((await problemsOf('empty.pdf'))[0]!.problem).toBe('"empty.pdf" is empty');
    expect((await problemsOf('huge.pdf'))[0]!.problem).toBe('"huge.pdf" is 25.0 MiB, above the limit of 25 MiB for an attachment');
  });
});

describe('an attachment must be a file of its release\'s own files/ folder', () => {
  it('accepts a file there', () => {
    expect(attachmentPathProblems('ko.mdx', 'attachments.0.file', 'release.pdf', release, content)).toEqual([]);
  });

  it('reports a missing file with where to put it', () => {
    const [problem] = attachmentPathProblems('ko.mdx', 'attachments.0.file', 'missing.pdf', release, content);
    expect(problem!.problem).toBe('the file "missing.pdf" does not exist');
    expect(problem!.ko.problem).toBe('"missing.pdf" 파일이 없습니다');
  });

  it('refuses a path out of the folder, and a link out of it', () => {
    mkdirSync(join(content, 'releases', 'other', 'files'), { recursive: true });
    writeFileSync(join(content, 'releases', 'other', 'files', 'secret.pdf'), minimalPdf());
    writeFileSync(join(dir, 'outside.pdf'), minimalPdf());
    symlinkSync(join(dir, 'outside.pdf'), join(files, 'link.pdf'));
    const [sideways] = attachmentPathProblems('ko.mdx', 'attachments.0.file', '../../other/files/secret.pdf', release, content);
    expect(sideways!.problem).toContain('leads out of this release\'s files/ folder');
    const [linked] = attachmentPathProblems('ko.mdx', 'attachments.0.file', 'link.pdf', release, content);
    expect(linked!.problem).toContain('(to a file outside the content folder)');
    const [folder] = attachmentPathProblems('ko.mdx', 'attachments.0.file', '.', release, content);
    expect(folder!.problem).toContain('leads out of');
  });
});

describe('author metadata in attachments is found, for the build to warn about', () => {
  it('reads a PDF\'s /Author', async () => {
    write('authored.pdf', minimalPdf('/Author (Hong Gildong) /Producer (Writer)'));
    expect(await authorFields(join(files, 'authored.pdf'), 'pdf', exiftool)).toEqual([{ field: '/Author', value: 'Hong Gildong' }]);
    expect(await authorFields(join(files, 'release.pdf'), 'pdf', exiftool)).toEqual([]);
  });

  it('reads DOCX core properties and an HWPX creator', async () => {
    expect(await authorFields(join(files, 'release.docx'), 'docx', exiftool)).toEqual([
      { field: 'docProps/core.xml dc:creator', value: 'Kim Press' },
      { field: 'docProps/core.xml cp:lastModifiedBy', value: 'Lee Editor' },
    ]);
    expect(await authorFields(join(files, 'release.hwpx'), 'hwpx', exiftool)).toEqual([{ field: 'Contents/content.hpf creator', value: '김기자' }]);
  });
});
