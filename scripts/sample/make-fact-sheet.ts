/**
 * `tsx scripts/sample/make-fact-sheet.ts`: writes the sample release's one-page Korean fact sheet
 * (content/releases/scse-2023-taipei/files/scse-2023-taipei-fact-sheet.pdf), every fact taken from
 * that release's ko.mdx. The output is committed; run this again only to change it.
 *
 * The PDF is written directly rather than through a library: it needs one page of text in Korean,
 * and with Adobe's standard Korean font (HYGoThic-Medium, through the UniKS-UCS2-H CMap that
 * every PDF reader ships) no font has to be embedded, so the file stays a few kilobytes. pdf-lib
 * would have had to embed (and subset) a Korean font of several megabytes. The bytes are the same
 * on every run: no date or id is taken from the clock.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'content/releases/scse-2023-taipei/files/scse-2023-taipei-fact-sheet.pdf');

/** [size, text]: one line each, top to bottom. */
const lines: Array<[number, string]> = [
  [18, 'SCSE 2023 참가 결과 자료'],
  [10, '서울디지털재단 보도자료(2023년 4월 3일) 참고 자료'],
  [0, ''],
  [13, '행사'],
  [11, '- SCSE 2023, 대만 타이베이, 2023년 3월 28일~31일'],
  [11, '- 만난 기관 4곳: 타이베이시청, 타이베이컴퓨터협회(TCA), 신베이컴퓨터협회(NTCA), 고스마트(GoSmart)'],
  [11, '- 3월 29일(행사 2일차): 서울관에서 신베이컴퓨터협회(NTCA)와 간담회'],
  [11, '- 3월 31일: 타이베이 시청과 실무 미팅, 타이베이컴퓨터협회(TCA)와 업무협약 체결'],
  [11, '- 협약 서명: 재단 강요식 이사장, TCA 찰스 후앙(Charles Huang) 부회장'],
  [0, ''],
  [13, '업무협약 협력 사항'],
  [11, '- 스마트시티 산업의 발전을 위한 협력 사업 발굴'],
  [11, '- SCSE 참여 및 매치메이킹을 통한 서울 소재 우수 솔루션 기업의 타이베이 진출 지원'],
  [11, '- 타이베이 소재 기업의 서울 진출을 위한 지원'],
  [0, ''],
  [13, '만난 협·단체'],
  [11, '- 타이베이컴퓨터협회(TCA): 1974년 설립, 회원사 4,000여 곳'],
  [11, '- 신베이컴퓨터협회(NTCA): 1987년 설립, 회원사 약 2,200여 곳'],
  [11, '- 고스마트(GoSmart): 2019년 설립, 스마트도시 간 글로벌 네트워크 구축'],
];

/** A text string for the UCS-2 CMap: UTF-16BE, as hex. */
const hex = (text: string) => `<${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

let y = 800;
const content = ['BT'];
for (const [size, text] of lines) {
  y -= size === 0 ? 10 : Math.round(size * 1.6);
  if (text) content.push(`/F1 ${size} Tf 1 0 0 1 56 ${y} Tm ${hex(text)} Tj`);
}
content.push('ET');
const stream = content.join('\n');

const objects = [
  '<< /Type /Catalog /Pages 2 0 R /Lang (ko-KR) >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>',
  '<< /Type /Font /Subtype /Type0 /BaseFont /HYGoThic-Medium /Encoding /UniKS-UCS2-H /DescendantFonts [5 0 R] >>',
  // Adobe-Korea1's proportional Latin glyphs (CIDs 1–95) are about half as wide as Hangul.
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HYGoThic-Medium /CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 1 >> /FontDescriptor 6 0 R /DW 1000 /W [1 95 500] >>',
  '<< /Type /FontDescriptor /FontName /HYGoThic-Medium /Flags 6 /FontBBox [-6 -145 1003 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  // A text string outside a content stream is UTF-16BE only after a byte-order mark.
  `<< /Title ${hex('\uFEFFSCSE 2023 참가 결과 자료')} /Producer (Pressroom scripts/sample/make-fact-sheet.ts) >>`,
];

let pdf = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
const offsets: number[] = [];
objects.forEach((body, index) => {
  offsets.push(Buffer.byteLength(pdf, 'latin1'));
  pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
});
const xref = Buffer.byteLength(pdf, 'latin1');
pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, Buffer.from(pdf, 'latin1'));
console.log(`wrote ${target} (${Buffer.byteLength(pdf, 'latin1')} bytes)`);
