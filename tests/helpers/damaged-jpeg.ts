/**
 * JPEGs damaged the way photos are damaged in the wild, and a tiny valid JPEG written by hand.
 * Everything here is synchronous, so that fixture tables (tests/fixtures/broken-content.ts) can
 * build their files when they are defined.
 */

/** Where the entropy-coded picture data of a JPEG's first scan lies: after its SOS header, up to the last end marker. */
export function scanData(jpeg: Buffer): { start: number; end: number } {
  for (let offset = 2; offset + 4 <= jpeg.length; ) {
    if (jpeg[offset] !== 0xff) throw new Error(`not a marker at byte ${offset}`);
    const marker = jpeg[offset + 1]!;
    const length = jpeg.readUInt16BE(offset + 2);
    if (marker === 0xda) return { start: offset + 2 + length, end: jpeg.lastIndexOf(Buffer.from([0xff, 0xd9])) };
    offset += 2 + length;
  }
  throw new Error('no start-of-scan marker');
}

/** A pseudo-random byte sequence that never holds 0xFF, so no marker appears where there was none. */
function noise(seed: number, count: number): Buffer {
  const bytes = Buffer.alloc(count);
  let state = seed;
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    bytes[index] = state % 0xff;
  }
  return bytes;
}

/**
 * A copy with `count` bytes in the middle of the picture data overwritten, as a bad sector or a
 * flaky card reader leaves it: start and end markers intact, every header readable.
 */
export function withCorruptScanData(jpeg: Buffer, options: { count?: number; at?: number; seed?: number } = {}): Buffer {
  const { count = 64, at = 0.5, seed = 1 } = options;
  const copy = Buffer.from(jpeg);
  const { start, end } = scanData(copy);
  const offset = Math.floor(start + (end - start - count) * at);
  noise(seed, count).copy(copy, offset);
  return copy;
}

/** The first `fraction` of the file, as an interrupted copy or upload leaves it. */
export function truncated(jpeg: Buffer, fraction = 0.6): Buffer {
  return Buffer.from(jpeg.subarray(0, Math.floor(jpeg.length * fraction)));
}

/**
 * A valid baseline JPEG of flat mid-grey, written byte by byte: one-code Huffman tables, so every
 * 8×8 block is two zero bits. With `restartInterval`, a restart marker follows every that many
 * blocks, as many cameras write them; sharp cannot write those.
 */
export function flatJpeg(width: number, height: number, options: { restartInterval?: number } = {}): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const interval = options.restartInterval ?? 0;
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const header = [
    0xff, 0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    // One code, "0", in each table: difference size 0 for DC, end of block for AC.
    ...segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...(interval > 0 ? segment(0xdd, [interval >> 8, interval & 0xff]) : []),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
  ];
  const data: number[] = [];
  const stretches = interval > 0 ? Math.ceil(blocks / interval) : 1;
  for (let stretch = 0; stretch < stretches; stretch++) {
    if (stretch > 0) data.push(0xff, 0xd0 + ((stretch - 1) & 7));
    const count = interval > 0 ? Math.min(interval, blocks - stretch * interval) : blocks;
    const bits = count * 2;
    // Zero bits, then the last byte padded with ones.
    for (let byte = 0; byte < Math.ceil(bits / 8); byte++) {
      const used = Math.min(8, bits - byte * 8);
      data.push(0xff >> used);
    }
  }
  return Buffer.from([...header, ...data, 0xff, 0xd9]);
}
