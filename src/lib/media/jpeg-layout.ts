/**
 * JPEG structure, read from the bytes: just enough to tell what a photo file is, how large it is,
 * and where its picture data lies, so an edit of its metadata can be proved to leave the picture
 * alone. (Whether the picture data itself is whole is photo-integrity.ts's job.)
 */
export interface JpegLayout {
  width: number;
  height: number;
  /** Offset of the first SOS marker (its 0xFF byte). */
  scanStart: number;
  /** Offset just past the EOI marker that ends the image data. */
  scanEnd: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

export function isJpeg(buffer: Uint8Array): boolean {
  return buffer.length >= 3 && buffer[0] === 0xff && buffer[1] === SOI && buffer[2] === 0xff;
}

/**
 * The compressed picture: the bytes from the first SOS marker to the EOI marker, inclusive.
 * Two files with equal slices decode to the same pixels whatever their metadata says.
 */
export function jpegImageData(buffer: Buffer, label = 'image'): Buffer {
  const { scanStart, scanEnd } = readJpegLayout(buffer, label);
  return buffer.subarray(scanStart, scanEnd);
}

/**
 * Walks the segments by their declared lengths, because the bytes FF DA and FF D9 also occur
 * inside payloads (an EXIF thumbnail is a whole JPEG inside APP1).
 */
export function readJpegLayout(buffer: Buffer, label = 'image'): JpegLayout {
  if (!isJpeg(buffer)) throw new Error(`${label} is ${describeNonJpeg(buffer)}, not a JPEG: export it as a JPEG (.jpg) first`);
  let frame: { width: number; height: number } | undefined;
  let pos = 2;
  for (;;) {
    const { code, start, next } = readMarker(buffer, pos, label);
    if (code === SOS) {
      if (!frame) throw new Error(`${label}: broken JPEG, image data starts before the frame header (SOF)`);
      return { ...frame, scanStart: start, scanEnd: findEndOfImage(buffer, next, label) };
    }
    if (code === EOI) throw new Error(`${label}: broken JPEG, it ends before any image data`);
    if (isStandalone(code)) {
      pos = next;
      continue;
    }
    const length = segmentLength(buffer, next, label);
    if (isStartOfFrame(code)) frame = readFrameSize(buffer, next, label);
    pos = next + length;
  }
}

/** Throws, naming the file, when a photo is larger than the packs are meant to carry. */
export function assertPixelLimit(layout: Pick<JpegLayout, 'width' | 'height'>, maxPixels: number, label = 'image'): void {
  const pixels = layout.width * layout.height;
  if (pixels > maxPixels) {
    throw new Error(
      `${label} is ${layout.width}×${layout.height} (${formatMegapixels(pixels)}), above the limit of ` +
        `${formatMegapixels(maxPixels)}: export a smaller JPEG`,
    );
  }
}

export function formatMegapixels(pixels: number): string {
  return `${Number((pixels / 1e6).toPrecision(3))} MP`;
}

function readMarker(buffer: Buffer, pos: number, label: string): { code: number; start: number; next: number } {
  if (buffer[pos] !== 0xff) throw new Error(`${label}: broken JPEG, expected a marker at byte ${pos}`);
  // Any number of 0xFF fill bytes may precede a marker code (ITU T.81 B.1.1.2).
  let at = pos + 1;
  while (buffer[at] === 0xff) at++;
  if (at >= buffer.length) throw new Error(`${label}: broken JPEG, truncated at byte ${pos}`);
  return { code: buffer[at]!, start: at - 1, next: at + 1 };
}

function segmentLength(buffer: Buffer, pos: number, label: string): number {
  if (pos + 2 > buffer.length) throw new Error(`${label}: broken JPEG, truncated at byte ${pos}`);
  const length = buffer.readUInt16BE(pos);
  if (length < 2 || pos + length > buffer.length) {
    throw new Error(`${label}: broken JPEG, a segment at byte ${pos} runs past the end of the file`);
  }
  return length;
}

/** RSTn, TEM and SOI carry no length field. */
function isStandalone(code: number): boolean {
  return code === 0x01 || code === SOI || (code >= 0xd0 && code <= 0xd7);
}

/** SOF0–SOF15, except the codes in that range that mean DHT, JPG and DAC. */
function isStartOfFrame(code: number): boolean {
  return code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;
}

function readFrameSize(buffer: Buffer, pos: number, label: string): { width: number; height: number } {
  if (pos + 7 > buffer.length) throw new Error(`${label}: broken JPEG, truncated frame header`);
  const height = buffer.readUInt16BE(pos + 3);
  const width = buffer.readUInt16BE(pos + 5);
  // Height 0 defers it to a DNL marker after the first scan; no camera or editor writes that.
  if (width === 0 || height === 0) throw new Error(`${label}: JPEG without its size in the frame header is not supported`);
  return { width, height };
}

/**
 * Scans entropy-coded data, where 0xFF is followed by 0x00 (a stuffed byte) or RSTn, and skips
 * the segments a progressive JPEG puts between its scans (DHT, SOS…), until EOI.
 */
function findEndOfImage(buffer: Buffer, pos: number, label: string): number {
  let at = pos + segmentLength(buffer, pos, label);
  for (;;) {
    const ff = buffer.indexOf(0xff, at);
    if (ff < 0 || ff + 1 >= buffer.length) throw new Error(`${label}: broken JPEG, the image data has no end marker (EOI)`);
    const code = buffer[ff + 1]!;
    if (code === 0x00 || code === 0xff || (code >= 0xd0 && code <= 0xd7)) {
      at = ff + (code === 0xff ? 1 : 2);
    } else if (code === EOI) {
      return ff + 2;
    } else {
      at = ff + 2 + segmentLength(buffer, ff + 2, label);
    }
  }
}

/** Names the common wrong formats so the message tells the editor what to do. */
export function describeNonJpeg(buffer: Uint8Array): string {
  const head = Buffer.from(buffer.subarray(0, 16));
  const ascii = head.toString('latin1');
  if (head.length === 0) return 'an empty file';
  if (ascii.startsWith('\x89PNG')) return 'a PNG image';
  if (ascii.slice(4, 8) === 'ftyp') return /^(heic|heix|hevc|mif1|msf1|avif)/.test(ascii.slice(8, 12)) ? 'a HEIC/HEIF/AVIF image' : 'an MP4/QuickTime file';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'a WebP image';
  if (ascii.startsWith('GIF8')) return 'a GIF image';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'a TIFF or camera raw file';
  if (ascii.startsWith('%PDF')) return 'a PDF document';
  if (isProbablyText(buffer)) return 'a text file';
  return 'not an image format recognised here';
}

function isProbablyText(buffer: Uint8Array): boolean {
  const sample = buffer.subarray(0, 512);
  return sample.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || byte >= 0x20);
}
