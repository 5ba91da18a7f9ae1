import sharp from 'sharp';

/** A small, plain JPEG for fixtures that need a photo but not a realistic one. */
export async function writeFixtureJpeg(path: string, label: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="100%" height="100%" fill="#8a8f96"/><text x="60" y="420" font-size="64" font-family="sans-serif" fill="#fff">${label}</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(path);
}
