/**
 * What Pagefind does not do for our languages: the query side runs on the search page (in the
 * browser), the index side in the indexer at build time. Rules go by script, not by page language:
 * a Korean word in an English page is treated as Korean.
 *
 * Korean: Pagefind splits on spaces only, so 타이베이에서 ("in Taipei") is one token. Pagefind does
 * match query words as prefixes, so a query stripped of its particle (타이베이) finds every form in
 * the text (타이베이의, 타이베이에서…). The query side is therefore enough: no index change.
 *
 * Chinese: 臺 and 台 are both current for the same character (臺北 in government usage, 台北 in
 * many names, e.g. the Taipei Computer Association). The indexer adds each word's other form, so
 * either spelling in a query finds the page.
 */

/**
 * Korean particles (josa) that attach to the end of a noun, longest first so 에서는 is removed
 * whole. Connective endings that also end ordinary words (나, 며, 랑) are left out on purpose.
 */
const koreanParticles = [
  '에서부터', '으로부터', '에서는', '에서도', '에서의', '에게서', '으로는', '으로도', '으로의', '으로서', '으로써',
  '까지의', '까지는', '부터는', '에게는', '에서', '에게', '한테', '께서', '으로', '까지', '부터', '처럼', '보다',
  '에는', '에도', '에의', '와의', '과의', '와는', '과는', '로서', '로써', '로는', '로도', '만은', '만의',
  '은', '는', '이', '가', '을', '를', '의', '에', '와', '과', '도', '로', '만',
] as const;

/** A stem shorter than this is more likely a whole word (회의, 사이) than a noun plus particle. */
const MIN_STEM_LENGTH = 2;

const hangulAtEnd = /\p{Script=Hangul}$/u;

/** 타이베이에서 → 타이베이; words without a particle, or too short to tell, come back unchanged. */
export function withoutParticle(word: string): string {
  if (!hangulAtEnd.test(word)) return word;
  for (const particle of koreanParticles) {
    if (!word.endsWith(particle)) continue;
    const stem = word.slice(0, -particle.length);
    if ([...stem].length >= MIN_STEM_LENGTH) return stem;
  }
  return word;
}

/** The query as the search page hands it to Pagefind: each word without its Korean particle. */
export function searchQuery(term: string): string {
  return term
    .split(/(\s+)/)
    .map((part) => (/\s/.test(part) ? part : withoutParticle(part)))
    .join('');
}

/** Characters written two ways in current Traditional Chinese; each maps to its other form. */
const variantPairs: [string, string][] = [['臺', '台']];
const variantOf = new Map(variantPairs.flatMap(([a, b]) => [[a, b], [b, a]] as [string, string][]));

/**
 * Words of `text` that contain a variant character, written with the other form, and not already
 * in the text: 臺北市政府 → 台北市政府. Words are cut with Intl.Segmenter, as Pagefind cuts queries.
 */
export function variantWords(text: string): string[] {
  // Segmenting is the costly part; most pages have no variant character at all.
  if (![...variantOf.keys()].some((char) => text.includes(char))) return [];
  const found = new Set<string>();
  const words = new Intl.Segmenter('zh-Hant', { granularity: 'word' }).segment(text);
  for (const { segment, isWordLike } of words) {
    if (!isWordLike || ![...segment].some((char) => variantOf.has(char))) continue;
    const other = [...segment].map((char) => variantOf.get(char) ?? char).join('');
    if (!text.includes(other)) found.add(other);
  }
  return [...found];
}

/**
 * Pagefind's ranking on the search page (its `ranking` option; the index cannot carry it).
 * Pagefind's defaults favour short pages whose title holds the query: for 타이베이 or Taipei the
 * organization pages (a few dozen words, the city in their name) came before the release that tells
 * the story. So: page length barely counts (`pageLength`), a word that only starts with the query
 * (타이베이에서, the Korean forms with a particle) counts as much as the query itself
 * (`termSimilarity`), and a title match adds half its default boost (`metaWeights`). With the
 * release article weighted up (`data-pagefind-weight` in ReleaseArticle), the release comes first
 * for its city in every language (tests/build/search/search.test.ts).
 */
export const searchRanking = {
  pageLength: 0,
  termSimilarity: 0,
  metaWeights: { title: 0.5 },
} as const;
