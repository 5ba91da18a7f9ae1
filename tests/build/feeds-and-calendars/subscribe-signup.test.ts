import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { buildSite, contentCopy, projectRoot, type BuildResult } from '../../helpers/build-site';
import { loadPage } from '../../helpers/html';

// One extra build of the sample alone, with a mailing-list service set (the shared build has none).
const signup = 'https://lists.example.org/subscribe/post?u=abc&id=123';

let build: BuildResult;
let content = '';

beforeAll(async () => {
  content = await contentCopy();
  build = await buildSite(content, { PRESS_SIGNUP_URL: signup });
  if (build.code !== 0) throw new Error(`The build with PRESS_SIGNUP_URL failed:\n${build.output.slice(-4000)}`);
});

afterAll(async () => {
  await rm(content, { recursive: true, force: true });
  await rm(build.outDir, { recursive: true, force: true });
});

/** The sources a page's CSP lets forms post to. */
function formAction($: ReturnType<typeof loadPage>): string[] {
  const policy = $('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
  const directive = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('form-action '));
  return directive?.split(/\s+/).slice(1) ?? [];
}

describe.each(locales)('with PRESS_SIGNUP_URL, the $code Subscribe page', (locale) => {
  const page = () => loadPage(build.outDir, `/${locale.path}/subscribe/`);

  it('posts an e-mail form to the list service', () => {
    const $ = page();
    const form = $('main form');
    expect(form.length).toBe(1);
    expect(form.attr('action')).toBe(signup);
    expect(form.attr('method')).toBe('post');
    const email = form.find('input[type="email"]');
    expect(email.attr('required')).toBeDefined();
    expect($(`label[for="${email.attr('id')}"]`).text().trim()).not.toBe('');
    expect(form.find('button[type="submit"]').text().trim()).not.toBe('');
  });

  it('asks for consent, required, saying what is collected, why, for how long and that refusing is allowed', () => {
    const $ = page();
    const consent = $('main form input[type="checkbox"]');
    expect(consent.length).toBe(1);
    expect(consent.attr('required')).toBeDefined();
    expect($(`label[for="${consent.attr('id')}"]`).text().trim()).not.toBe('');
    const text = $('main form fieldset').text();
    const strings = JSON.parse(readFileSync(join(projectRoot, 'src/i18n/strings', `${locale.code}.json`), 'utf8')) as Record<string, string>;
    for (const key of ['subscribe.signup.collectedValue', 'subscribe.signup.purposeValue', 'subscribe.signup.retentionValue', 'subscribe.signup.refusal']) {
      expect(text).toContain(strings[key]);
    }
  });

  it('is the one origin besides the site’s own that forms may post to, on every page', () => {
    for (const path of [`/${locale.path}/subscribe/`, `/${locale.path}/`]) {
      expect(formAction(loadPage(build.outDir, path))).toEqual(["'self'", 'https://lists.example.org']);
    }
  });
});
