/**
 * Whether a photo's image file is whole: every byte of its picture there and readable, so that
 * what the site and the press packs hand out is the photo, not a grey band or noise.
 *
 * Two checks, because neither alone is enough (measured: docs/decisions/0063-photos-are-whole.md):
 *
 * - libvips (through sharp) decodes the picture. It stops on a file cut short, but libjpeg only
 *   warns about damaged picture data, libvips looks for warnings only before each strip of rows
 *   (a warning in the last strip passes), and it never has libjpeg read past the last block, so
 *   damage that makes the decoder finish early passes without a word: random bytes written into
 *   the middle of a sample photo's picture data decoded into visible noise with no warning in 19
 *   of 20 tries.
 * - `walkJpegData` reads the compressed picture data as a decoder does, without computing a pixel:
 *   every Huffman code must be one the file's tables define, every block must stay within its 64
 *   coefficients, restart markers must come where and in the order the header says, and the data
 *   must end within the byte of its last block. That caught the same damage in 19 of 20 tries.
 *
 * The harmless quirks real camera files carry (padding between header segments, odd scan
 * parameters in a sequential file, data after the end marker) are not damage to the picture data
 * and pass both.
 */
import sharp, { type Sharp } from 'sharp';

/** How an image file is damaged. */
export type DamageKind = 'truncated' | 'corrupt';

export interface ImageDamage {
  kind: DamageKind;
  /** What was found, in the decoder's terms (English), for the build log. */
  detail: string;
}

/** The stored size of an original's picture, learnt while checking it. */
export interface OriginalFacts {
  width: number;
  height: number;
}

/**
 * A damaged image file: thrown by the checks here and by the web-image encoder, turned into a
 * content problem by the media stage. To anything comparing errors it is the plain Error the encoder
 * always threw (same name, no enumerable fields); `damage` says what was found.
 */
export class DamagedImageError extends Error {
  declare readonly damage: ImageDamage;

  constructor(damage: ImageDamage, label: string, options?: ErrorOptions) {
    super(`${label}: the image file is damaged (${damage.detail}); export it again from the photo software and replace the file.`, options);
    Object.defineProperty(this, 'damage', { value: damage, enumerable: false });
  }
}

/** Bump when the checks change, so that originals an older check found whole are checked again. */
export const INTEGRITY_CHECK_VERSION = 1;

/** libjpeg warnings that cameras and phone apps are known to cause in files that decode fine. */
const HARMLESS_JPEG_WARNINGS = [
  // Padding between header segments; not before a restart marker or the end, where it means lost scan data.
  /^Corrupt JPEG data: \d+ extraneous bytes before marker 0x(?:c[0-9a-f]|d[a-f]|e[0-9a-f]|f[0-9a-e])$/i,
  /^Invalid SOS parameters for sequential JPEG$/i,
];

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function decoderLines(error: unknown): string[] {
  return errorMessage(error)
    .split('\n')
    .map((line) => line.replace(/^VipsJpeg:\s*/, '').trim())
    .filter(Boolean);
}

/** True when sharp failed only because of warnings real camera files are known to cause. */
function onlyHarmlessWarnings(error: unknown): boolean {
  const lines = decoderLines(error);
  return lines.length > 0 && lines.every((line) => HARMLESS_JPEG_WARNINGS.some((pattern) => pattern.test(line)));
}

/** Whether a sharp error is the pixel limit (a size problem, not damage). */
export const isPixelLimitError = (error: unknown) => /exceeds pixel limit/i.test(errorMessage(error));

/** The damage a sharp error describes. */
export function damageFromDecoder(error: unknown): ImageDamage {
  const detail = decoderLines(error)[0] ?? 'unreadable';
  return { kind: /premature end of JPEG (?:image|file)|unexpected end of/i.test(detail) ? 'truncated' : 'corrupt', detail };
}

/**
 * Runs `decode` on `sharp(bytes)` with the strictest setting real camera files pass: any libjpeg
 * warning fails ('warning'), unless all of them are known harmless quirks, in which case the file
 * is decoded again at 'error', which still stops on a file cut short. `first` is the image to try
 * first, when the caller has already made it (to read its header). Throws `DamagedImageError` for
 * a damaged file, and the pixel limit's error as sharp threw it.
 */
export async function decodeStrictly<T>(bytes: Buffer, options: { maxPixels: number; label: string; first?: Sharp }, decode: (image: Sharp) => Promise<T>): Promise<T> {
  try {
    try {
      return await decode(options.first ?? sharp(bytes, { failOn: 'warning', limitInputPixels: options.maxPixels }));
    } catch (error) {
      if (!onlyHarmlessWarnings(error)) throw error;
      return await decode(sharp(bytes, { failOn: 'error', limitInputPixels: options.maxPixels }));
    }
  } catch (error) {
    if (isPixelLimitError(error)) throw error;
    throw new DamagedImageError(damageFromDecoder(error), options.label, { cause: error });
  }
}

/**
 * The first half of an original's check: the walk through its picture data. Returns its stored
 * size; throws `DamagedImageError` when the data is cut short or damaged.
 */
export async function checkPictureData(bytes: Buffer, label: string): Promise<OriginalFacts> {
  const walked = walkJpegData(bytes);
  if (walked.damage) throw new DamagedImageError(walked.damage, label);
  if (walked.size) return walked.size;
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { width, height };
  } catch (error) {
    throw new DamagedImageError(damageFromDecoder(error), label, { cause: error });
  }
}

/**
 * The second half, for an original nothing else decodes in this build: a decode by libvips at an
 * eighth of the size, which libjpeg makes while still reading every byte of the picture data (it
 * scales in its inverse DCT), in about two thirds of the time of the full size.
 */
export async function decodeForCheck(bytes: Buffer, options: { maxPixels: number; label: string }): Promise<void> {
  await decodeStrictly(bytes, options, async (image) => {
    const { width, height } = await image.metadata();
    await image.resize({ width: Math.ceil(width / 8), height: Math.ceil(height / 8), fit: 'fill' }).raw().toBuffer();
  });
}

/** Both halves: what the media stage does to an original it has not seen whole before. */
export async function checkOriginal(bytes: Buffer, options: { maxPixels: number; label: string }): Promise<OriginalFacts> {
  const size = await checkPictureData(bytes, options.label);
  await decodeForCheck(bytes, options);
  return size;
}

/** What the walk through a JPEG's picture data found. */
export interface JpegDataWalk {
  /** The first damage found; none when the data reads through cleanly or the walk cannot follow it. */
  damage?: ImageDamage;
  /** The frame's stored size, once the walk got as far as the frame header. */
  size?: OriginalFacts;
}

/**
 * Walks a JPEG's compressed picture data. Files the walk cannot follow (arithmetic-coded, lossless
 * or hierarchical JPEG, which cameras do not write) come back without damage, for the decoder to
 * judge. Anything after the end-of-image marker (a phone's depth map or motion clip) is not read.
 */
export function walkJpegData(bytes: Uint8Array): JpegDataWalk {
  const walk = new JpegWalk(bytes);
  try {
    walk.run();
    return { size: walk.size };
  } catch (error) {
    if (error instanceof Damage) return { damage: error.damage, size: walk.size };
    if (error instanceof Unsupported) return { size: walk.size };
    throw error;
  }
}

/** Ends the walk at the first damage found. */
class Damage {
  constructor(readonly damage: ImageDamage) {}
}
/** Ends the walk at a kind of JPEG it does not read. */
class Unsupported {}

const cutShort = (detail: string) => new Damage({ kind: 'truncated', detail });
const corrupt = (detail: string) => new Damage({ kind: 'corrupt', detail });
const OUTSIDE_BLOCK = 'a block with more than its 64 coefficients';
const TOO_LARGE = 'a coefficient too large for the precision';

/** Codes up to this many bits are found with one table lookup. */
const LOOKAHEAD = 10;

interface HuffmanTable {
  /** By the next LOOKAHEAD bits: code length << 8 | symbol, or 0 when the code is longer. */
  fast: Uint16Array;
  /** By code length (1..16): the largest code of that length (-1 for none), the first code, where its symbols start. */
  maxCode: Int32Array;
  minCode: Int32Array;
  firstValue: Int32Array;
  values: Uint8Array;
}

function huffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const fast = new Uint16Array(1 << LOOKAHEAD);
  const maxCode = new Int32Array(17).fill(-1);
  const minCode = new Int32Array(17);
  const firstValue = new Int32Array(17);
  let code = 0;
  let index = 0;
  for (let length = 1; length <= 16; length++) {
    const count = counts[length - 1]!;
    firstValue[length] = index;
    minCode[length] = code;
    if (code + count > 1 << length) throw corrupt('a Huffman table with more codes than its lengths allow');
    for (let i = 0; i < count; i++, code++, index++) {
      if (length > LOOKAHEAD) continue;
      const shift = LOOKAHEAD - length;
      fast.fill((length << 8) | values[index]!, code << shift, (code + 1) << shift);
    }
    if (count > 0) maxCode[length] = code - 1;
    code <<= 1;
  }
  return { fast, maxCode, minCode, firstValue, values };
}

/**
 * One scan's compressed data with the byte stuffing removed (0xFF 0x00 is a data byte 0xFF), split
 * at its restart markers, and followed by zeros: what a decoder reads past the end of a stretch,
 * which is damage when it is used.
 */
interface ScanData {
  bytes: Uint8Array;
  /** Bit offsets where each stretch between restart markers ends. */
  ends: number[];
  /** The restart marker (0xD0-0xD7) after each stretch but the last. */
  markers: number[];
  /** Where the marker after the data starts in the file; the file's length when it ends first. */
  next: number;
}

/** Enough zeros after the data for any one block read past its end (64 codes of at most 16 + 16 bits, and the 3 bytes a peek reads). */
const PADDING = 264;

function scanData(data: Uint8Array, start: number): ScanData {
  const bytes = new Uint8Array(data.length - start + PADDING);
  const ends: number[] = [];
  const markers: number[] = [];
  let length = 0;
  let p = start;
  for (;;) {
    const stuffed = data.indexOf(0xff, p);
    const stop = stuffed < 0 ? data.length : stuffed;
    bytes.set(data.subarray(p, stop), length);
    length += stop - p;
    if (stuffed < 0 || stuffed + 1 >= data.length) {
      ends.push(length * 8);
      return { bytes, ends, markers, next: data.length };
    }
    const following = data[stuffed + 1]!;
    if (following === 0x00) {
      bytes[length++] = 0xff;
      p = stuffed + 2;
      continue;
    }
    // Fill bytes (0xFF) may come before any marker.
    let marker = stuffed + 1;
    while (marker < data.length && data[marker] === 0xff) marker++;
    if (marker >= data.length) {
      ends.push(length * 8);
      return { bytes, ends, markers, next: data.length };
    }
    const code = data[marker]!;
    if (code >= 0xd0 && code <= 0xd7) {
      ends.push(length * 8);
      markers.push(code);
      p = marker + 1;
      continue;
    }
    ends.push(length * 8);
    return { bytes, ends, markers, next: stuffed };
  }
}

interface FrameComponent {
  id: number;
  h: number;
  v: number;
  /** Blocks across and down the component's own area: what a scan of it alone covers. */
  blocksWide: number;
  blocksHigh: number;
  /** Blocks across the MCU grid, which interleaved scans cover (a little more than the area). */
  blocksPerLine: number;
  /** Progressive only: per block and zigzag position, whether an earlier scan made the coefficient non-zero. */
  nonZero?: Uint8Array;
}

interface Frame {
  progressive: boolean;
  precision: number;
  components: FrameComponent[];
  mcusWide: number;
  mcusHigh: number;
}

interface ScanComponent {
  component: FrameComponent;
  dc?: HuffmanTable;
  ac?: HuffmanTable;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DHT = 0xc4;
const DRI = 0xdd;

class JpegWalk {
  size?: OriginalFacts;
  private pos = 2;
  private readonly dcTables: (HuffmanTable | undefined)[] = [];
  private readonly acTables: (HuffmanTable | undefined)[] = [];
  private restartInterval = 0;
  private frame?: Frame;
  private readonly scanned = new Set<number>();
  // The reader over the current stretch of scan data.
  private stream?: ScanData;
  private bytes: Uint8Array = new Uint8Array(0);
  private bit = 0;
  private end = 0;
  private eobRun = 0;

  constructor(private readonly data: Uint8Array) {}

  run(): void {
    const { data } = this;
    if (data.length < 4 || data[0] !== 0xff || data[1] !== SOI) throw corrupt('no JPEG start marker');
    for (;;) {
      const marker = this.nextMarker();
      if (marker === EOI) break;
      if (marker === SOI) throw corrupt('a second start-of-image marker');
      // Markers that stand alone: a stray restart marker, TEM.
      if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
      if (this.pos + 2 > data.length) throw cutShort('the file ends inside a header segment');
      const length = (data[this.pos]! << 8) | data[this.pos + 1]!;
      const start = this.pos + 2;
      const end = this.pos + length;
      if (length < 2) throw corrupt(`a header segment (marker 0x${marker.toString(16)}) of impossible length`);
      if (end > data.length) throw cutShort('the file ends inside a header segment');
      this.segment(marker, start, end);
      this.pos = end;
      if (marker === SOS) this.scan(start, end);
    }
    if (!this.frame) throw corrupt('no frame header before the end marker');
    if (this.frame.components.some((component) => !this.scanned.has(component.id))) throw corrupt('a colour component without picture data');
  }

  /** The next marker from `pos`. Stray bytes between header segments are skipped, as libjpeg does: a harmless quirk there. */
  private nextMarker(): number {
    const { data } = this;
    for (;;) {
      while (this.pos < data.length && data[this.pos] !== 0xff) this.pos++;
      while (this.pos < data.length && data[this.pos] === 0xff) this.pos++;
      if (this.pos >= data.length) throw cutShort('the file ends before its end marker');
      const marker = data[this.pos++]!;
      if (marker !== 0) return marker;
    }
  }

  private segment(marker: number, start: number, end: number): void {
    const { data } = this;
    if (marker === DHT) {
      for (let p = start; p < end; ) {
        if (p + 17 > end) throw corrupt('a Huffman table cut short');
        const counts = data.subarray(p + 1, p + 17);
        const total = counts.reduce((sum, count) => sum + count, 0);
        if (p + 17 + total > end) throw corrupt('a Huffman table cut short');
        const id = data[p]! & 0x0f;
        if (id > 3) throw corrupt('a Huffman table of impossible number');
        const table = huffmanTable(counts, data.subarray(p + 17, p + 17 + total));
        if (data[p]! >> 4 === 0) this.dcTables[id] = table;
        else this.acTables[id] = table;
        p += 17 + total;
      }
    } else if (marker === DRI) {
      if (end - start < 2) throw corrupt('a restart interval segment cut short');
      this.restartInterval = (data[start]! << 8) | data[start + 1]!;
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== DHT && marker !== 0xc8 && marker !== 0xcc) {
      this.startFrame(marker, start, end);
    }
  }

  private startFrame(marker: number, start: number, end: number): void {
    const { data } = this;
    if (this.frame) throw corrupt('a second frame header');
    if (end - start < 6) throw corrupt('a frame header cut short');
    const precision = data[start]!;
    const height = (data[start + 1]! << 8) | data[start + 2]!;
    const width = (data[start + 3]! << 8) | data[start + 4]!;
    const count = data[start + 5]!;
    if (height > 0) this.size = { width, height };
    // Only baseline, extended and progressive Huffman-coded frames of 8 or 12 bits are walked;
    // a height of 0 comes later, in a DNL segment.
    if (marker > 0xc2 || height === 0 || (precision !== 8 && precision !== 12)) throw new Unsupported();
    if (width === 0 || count === 0 || end - start < 6 + count * 3) throw corrupt('an impossible frame header');
    const sampling = Array.from({ length: count }, (_, index) => {
      const at = start + 6 + index * 3;
      return { id: data[at]!, h: data[at + 1]! >> 4, v: data[at + 1]! & 0x0f };
    });
    if (sampling.some(({ h, v }) => h < 1 || h > 4 || v < 1 || v > 4)) throw corrupt('impossible sampling factors');
    const hMax = Math.max(...sampling.map(({ h }) => h));
    const vMax = Math.max(...sampling.map(({ v }) => v));
    const mcusWide = Math.ceil(width / (8 * hMax));
    const mcusHigh = Math.ceil(height / (8 * vMax));
    const progressive = marker === 0xc2;
    const components = sampling.map(({ id, h, v }): FrameComponent => ({
      id,
      h,
      v,
      blocksWide: Math.ceil(Math.ceil((width * h) / hMax) / 8),
      blocksHigh: Math.ceil(Math.ceil((height * v) / vMax) / 8),
      blocksPerLine: mcusWide * h,
      nonZero: progressive ? new Uint8Array(mcusWide * h * mcusHigh * v * 64) : undefined,
    }));
    this.frame = { progressive, precision, components, mcusWide, mcusHigh };
  }

  /** Reads the data of the scan whose header is [headerStart, headerEnd); the data starts at headerEnd. */
  private scan(headerStart: number, headerEnd: number): void {
    const { data, frame } = this;
    if (!frame) throw corrupt('picture data before the frame header');
    const count = data[headerStart]!;
    if (count < 1 || count > 4 || headerStart + 1 + count * 2 + 3 > headerEnd) throw corrupt('an impossible scan header');
    const components: ScanComponent[] = [];
    for (let index = 0; index < count; index++) {
      const at = headerStart + 1 + index * 2;
      const component = frame.components.find((candidate) => candidate.id === data[at]);
      if (!component) throw corrupt('a scan of a colour component the frame does not have');
      components.push({ component, dc: this.dcTables[data[at + 1]! >> 4], ac: this.acTables[data[at + 1]! & 0x0f] });
      this.scanned.add(component.id);
    }
    const at = headerStart + 1 + count * 2;
    const [ss, se, ah, al] = frame.progressive ? [data[at]!, data[at + 1]!, data[at + 2]! >> 4, data[at + 2]! & 0x0f] : [0, 63, 0, 0];
    // A sequential scan is read as all 64 coefficients whatever it says: some cameras write odd values there.
    if (frame.progressive && (ss > se || se > 63 || (ss === 0 && se !== 0) || (ss > 0 && count !== 1) || al > 13 || (ah !== 0 && ah - 1 !== al))) {
      throw corrupt('an impossible progressive scan');
    }
    if (components.some(({ dc, ac }) => (ss === 0 && ah === 0 && !dc) || (se > 0 && !ac))) throw corrupt('a scan naming a Huffman table the file does not define');

    const stream = scanData(data, headerEnd);
    const interleaved = count > 1;
    const only = components[0]!.component;
    const mcus = interleaved ? frame.mcusWide * frame.mcusHigh : only.blocksWide * only.blocksHigh;
    const interval = this.restartInterval > 0 ? this.restartInterval : mcus;
    const stretches = Math.ceil(mcus / interval);
    if (stream.markers.length >= stretches) throw corrupt('more restart markers than the picture has stretches');
    const decodeBlocks = frame.progressive ? this.progressiveBlocks(ss, se, ah, al, frame.precision) : undefined;
    this.stream = stream;
    this.bytes = stream.bytes;
    try {
      this.walkStretches(stream, stretches, interval, mcus, components, interleaved, only, frame, decodeBlocks);
    } catch (error) {
      // Data that runs to the end of the file was cut there: whatever code the cut garbles last, the cause is the cut.
      if (error instanceof Damage && error.damage.kind === 'corrupt' && stream.next >= this.data.length) throw cutShort('the file ends inside the picture data');
      throw error;
    }
    this.pos = stream.next;
  }

  private walkStretches(
    stream: ScanData,
    stretches: number,
    interval: number,
    mcus: number,
    components: ScanComponent[],
    interleaved: boolean,
    only: ScanComponent['component'],
    frame: Frame,
    decodeBlocks: ((scan: ScanComponent, block: number) => void) | undefined,
  ): void {
    for (let stretch = 0; stretch < stretches; stretch++) {
      if (stretch > 0) {
        const marker = stream.markers[stretch - 1];
        if (marker === undefined) this.ranOut(stream);
        if (marker !== 0xd0 + ((stretch - 1) & 7)) throw corrupt('restart markers out of order');
      }
      this.bit = stretch > 0 ? stream.ends[stretch - 1]! : 0;
      this.end = stream.ends[stretch]!;
      this.eobRun = 0;
      const first = stretch * interval;
      const last = Math.min(mcus, first + interval);
      if (decodeBlocks) {
        for (let mcu = first; mcu < last; mcu++) {
          if (interleaved) this.mcuBlocks(components, mcu, frame.mcusWide, decodeBlocks);
          else decodeBlocks(components[0]!, Math.floor(mcu / only.blocksWide) * only.blocksPerLine + (mcu % only.blocksWide));
          if (this.bit > this.end) this.ranOut(stream);
        }
      } else {
        this.sequential(components, interleaved, first, last, frame.precision, stream);
      }
      // The data must end within the byte of the last block's last code.
      if (this.end - this.bit >= 8) throw corrupt(`bytes left over before ${stretch + 1 < stretches ? 'a restart marker' : 'the end of the picture data'}`);
    }
  }

  private ranOut(stream: ScanData): never {
    if (stream.next >= this.data.length) throw cutShort('the file ends inside the picture data');
    throw corrupt('the picture data ends before its last block');
  }

  private mcuBlocks(components: ScanComponent[], mcu: number, mcusWide: number, decodeBlock: (scan: ScanComponent, block: number) => void): void {
    const mcuX = mcu % mcusWide;
    const mcuY = Math.floor(mcu / mcusWide);
    for (const scan of components) {
      const { component } = scan;
      for (let v = 0; v < component.v; v++) {
        for (let h = 0; h < component.h; h++) decodeBlock(scan, (mcuY * component.v + v) * component.blocksPerLine + mcuX * component.h + h);
      }
    }
  }

  /**
   * A sequential scan's MCUs [first, last): the hot loop of the walk, written out with the reader
   * in local variables. Only code lengths and sizes matter here, never the coefficients' values.
   */
  private sequential(components: ScanComponent[], interleaved: boolean, first: number, last: number, precision: number, stream: ScanData): void {
    const bytes = this.bytes;
    const end = this.end;
    const maxDc = precision + 3;
    const maxAc = precision + 2;
    // The blocks of one MCU, in order: per component, h × v of them.
    const plan: ScanComponent[] = [];
    for (const scan of components) for (let n = 0; n < (interleaved ? scan.component.h * scan.component.v : 1); n++) plan.push(scan);
    let bit = this.bit;
    for (let mcu = first; mcu < last; mcu++) {
      for (let b = 0; b < plan.length; b++) {
        const { dc, ac } = plan[b]!;
        // DC: a code for the size of the difference, then that many bits.
        let at = bit >>> 3;
        let peek = (((bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!) >>> (8 - (bit & 7))) & 0xffff;
        let entry = dc!.fast[peek >>> (16 - LOOKAHEAD)]!;
        let symbol: number;
        if (entry !== 0) {
          bit += entry >> 8;
          symbol = entry & 0xff;
        } else {
          symbol = slowDecode(dc!, peek);
          if (symbol === 0) this.badCode(bit, stream);
          bit += symbol >> 8;
          symbol &= 0xff;
        }
        if (symbol > maxDc) throw corrupt(TOO_LARGE);
        bit += symbol;
        // AC: (run of zeros, size) codes until the block's 63 are done or an end-of-block code.
        for (let k = 1; k < 64; ) {
          at = bit >>> 3;
          peek = (((bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!) >>> (8 - (bit & 7))) & 0xffff;
          entry = ac!.fast[peek >>> (16 - LOOKAHEAD)]!;
          if (entry !== 0) {
            bit += entry >> 8;
            symbol = entry & 0xff;
          } else {
            symbol = slowDecode(ac!, peek);
            if (symbol === 0) this.badCode(bit, stream);
            bit += symbol >> 8;
            symbol &= 0xff;
          }
          const size = symbol & 15;
          if (size === 0) {
            if (symbol !== 0xf0) break;
            k += 16;
            if (k > 64) throw corrupt(OUTSIDE_BLOCK);
            continue;
          }
          k += symbol >> 4;
          if (k > 63) throw corrupt(OUTSIDE_BLOCK);
          if (size > maxAc) throw corrupt(TOO_LARGE);
          bit += size;
          k++;
        }
        if (bit > end) {
          this.bit = bit;
          this.ranOut(stream);
        }
      }
    }
    this.bit = bit;
  }

  /** For progressive scans: how one block of a scan with these parameters is read. */
  private progressiveBlocks(ss: number, se: number, ah: number, al: number, precision: number): (scan: ScanComponent, block: number) => void {
    const maxDc = precision + 3;
    const maxAc = precision + 2;
    if (ss === 0) {
      // DC scans: the first gives a size code and bits per block, a refinement one bit.
      if (ah > 0) return () => void (this.bit += 1);
      return (scan) => {
        const size = this.decode(scan.dc!);
        if (size > maxDc) throw corrupt(TOO_LARGE);
        this.bit += size;
      };
    }
    if (ah === 0) {
      // The first scan of a band of AC coefficients; an end-of-band run may cover many blocks.
      return (scan, block) => {
        if (this.eobRun > 0) {
          this.eobRun--;
          return;
        }
        const nonZero = scan.component.nonZero!;
        const base = block * 64;
        for (let k = ss; k <= se; ) {
          const symbol = this.decode(scan.ac!);
          const run = symbol >> 4;
          const size = symbol & 15;
          if (size === 0) {
            if (run < 15) {
              this.eobRun = (1 << run) - 1 + this.take(run);
              break;
            }
            k += 16;
            if (k > se + 1) throw corrupt(OUTSIDE_BLOCK);
            continue;
          }
          k += run;
          if (k > se) throw corrupt(OUTSIDE_BLOCK);
          if (size > maxAc) throw corrupt(TOO_LARGE);
          this.bit += size;
          nonZero[base + k] = 1;
          k++;
        }
      };
    }
    // A refinement scan: one more bit of every coefficient already non-zero, and new ones of ±1.
    return (scan, block) => {
      const nonZero = scan.component.nonZero!;
      const base = block * 64;
      let k = ss;
      if (this.eobRun === 0) {
        for (; k <= se; k++) {
          const symbol = this.decode(scan.ac!);
          let run = symbol >> 4;
          const size = symbol & 15;
          if (size === 0 && run < 15) {
            this.eobRun = (1 << run) + this.take(run);
            break;
          }
          if (size > 1) throw corrupt('a refinement code with a size other than 1');
          this.bit += size;
          // Past `run` zero coefficients, with a correction bit for each non-zero one on the way.
          for (; k <= se; k++) {
            if (nonZero[base + k]) this.bit += 1;
            else if (--run < 0) break;
          }
          if (size !== 0) {
            if (k > se) throw corrupt(OUTSIDE_BLOCK);
            nonZero[base + k] = 1;
          }
        }
      }
      if (this.eobRun > 0) {
        for (; k <= se; k++) if (nonZero[base + k]) this.bit += 1;
        this.eobRun--;
      }
    };
  }

  private take(count: number): number {
    if (count === 0) return 0;
    const at = this.bit >>> 3;
    const window = ((this.bytes[at]! << 24) | (this.bytes[at + 1]! << 16) | (this.bytes[at + 2]! << 8) | this.bytes[at + 3]!) >>> 0;
    const value = ((window << (this.bit & 7)) >>> 0) >>> (32 - count);
    this.bit += count;
    return value;
  }

  private decode(table: HuffmanTable): number {
    const at = this.bit >>> 3;
    const peek = (((this.bytes[at]! << 16) | (this.bytes[at + 1]! << 8) | this.bytes[at + 2]!) >>> (8 - (this.bit & 7))) & 0xffff;
    const entry = table.fast[peek >>> (16 - LOOKAHEAD)]!;
    const found = entry !== 0 ? entry : slowDecode(table, peek);
    if (found === 0) this.badCode(this.bit, this.stream!);
    this.bit += found >> 8;
    return found & 0xff;
  }

  /** No code of the tables starts at `bit`: damage, or zeros read past the end of the data. */
  private badCode(bit: number, stream: ScanData): never {
    if (bit + 16 > this.end) this.ranOut(stream);
    throw corrupt('a code the Huffman tables do not define');
  }
}

/** A code longer than LOOKAHEAD bits, from the next 16: length << 8 | symbol, or 0 when no code matches. */
function slowDecode(table: HuffmanTable, peek: number): number {
  for (let length = LOOKAHEAD + 1; length <= 16; length++) {
    const code = peek >>> (16 - length);
    if (code <= table.maxCode[length]!) return (length << 8) | table.values[table.firstValue[length]! + code - table.minCode[length]!]!;
  }
  return 0;
}
