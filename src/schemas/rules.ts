/**
 * Building blocks the content schemas share. Each rule a value can break is reported as a custom
 * issue whose `params.rule` names it; `src/lib/content/schema-problems.ts` words every issue for the author
 * (in Korean or English), so the schemas say what is valid and nothing about how to say it.
 */
import { z } from 'astro/zod';

/** Facts about a broken rule, for wording it: `rule` plus whatever the message needs. */
export interface RuleParams {
  rule: string;
  [detail: string]: unknown;
}

/** Adds an issue for a broken rule at the current value; returns Zod's "no value" marker. */
export function breaks(ctx: z.RefinementCtx, params: RuleParams): never {
  ctx.addIssue({ code: 'custom', message: params.rule, params });
  return z.NEVER;
}

/**
 * An object that accepts only the fields it lists: a misspelt `embarg0:` or `Draft:` would
 * otherwise be dropped, and the release published at once.
 */
export const fields = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject(shape);

/** A two-letter ISO 3166 country code in capitals; its name comes from the reader's language. */
export const countryCode = z.string().transform((text, ctx) => (/^[A-Z]{2}$/.test(text) ? text : breaks(ctx, { rule: 'country' })));

/**
 * A web address readers are sent to. Only http(s): a `javascript:` or `data:` address in a link
 * would run in the reader's browser.
 */
export const webAddress = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return breaks(ctx, { rule: 'web-address' });
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? trimmed : breaks(ctx, { rule: 'web-address', scheme: url.protocol });
});

/** An e-mail address, as printed and linked with mailto:. */
export const emailAddress = z.string().transform((text, ctx) => {
  const trimmed = text.trim().replace(/^mailto:/i, '');
  return z.email().safeParse(trimmed).success ? trimmed : breaks(ctx, { rule: 'email' });
});
