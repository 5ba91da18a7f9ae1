/**
 * Related releases at archive scale: the time to relate every release of a corpus to the others,
 * at two sizes, and the ratio. Linear work gives a time ratio near the size ratio (10×); work
 * that compares every pair would give about its square (100×).
 *
 *   npm run bench:related                      # 1,000 and 10,000 releases
 *   npm run bench:related -- --sizes 2000,20000
 *
 * The corpus is shaped like the build benchmark's (bench/lib/corpus.ts) at its worst for this
 * question: every release names the same six organizations and tags, one event per 20 releases,
 * one MoU per 10, and a tenth of the releases lack a translation.
 */
import { parseArgs } from 'node:util';
import { relatedReleases } from '../src/lib/content/related-releases.ts';
import type { Release } from '../src/lib/content/releases.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' } } });
const sizes = values.sizes.split(',').map(Number);
const organizations = ['seoul-digital-foundation', 'taipei-city-government', 'taipei-doit', 'tca', 'ntca', 'gosmart'];
const tags = ['스마트시티', 'SCSE', '대만', '타이베이', '업무협약'];

function corpus(count: number): Release[] {
  return Array.from({ length: count }, (_, index) => {
    const languages = index % 10 === 0 ? ['ko'] : ['ko', 'en', 'zh-Hant'];
    return {
      slug: `bench-${index}`,
      date: new Date(Date.UTC(2016, 0, 1) + (count - index) * 3_600_000),
      event: `event-${Math.floor(index / 20)}`,
      mous: [`mou-${Math.floor(index / 10)}`],
      organizations,
      original: { data: { tags } },
      versions: Object.fromEntries(languages.map((code) => [code, {}])),
    } as unknown as Release;
  });
}

const results = sizes.map((size) => {
  const releases = corpus(size);
  const start = process.hrtime.bigint();
  let shown = 0;
  for (const release of releases) for (const locale of ['ko', 'en', 'zh-Hant'] as const) shown += relatedReleases(releases, release, locale).length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${String(size).padStart(7)} releases: ${ms.toFixed(1)} ms (${((ms * 1000) / size).toFixed(1)} µs per release), ${shown} links`);
  return { size, ms };
});
for (let index = 1; index < results.length; index++) {
  const [before, after] = [results[index - 1]!, results[index]!];
  console.log(`${before.size} → ${after.size}: ${(after.size / before.size).toFixed(1)}× the releases, ${(after.ms / before.ms).toFixed(1)}× the time`);
}
