import { describe, expect, it } from 'vitest';
import { SettingsError, signupUrl } from '../../../src/settings';

/** The message of the SettingsError `read` throws. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('no SettingsError was thrown');
}

describe('PRESS_SIGNUP_URL', () => {
  it('is unset by default, and empty counts as unset: no e-mail form', () => {
    expect(signupUrl({})).toBeUndefined();
    expect(signupUrl({ PRESS_SIGNUP_URL: '  ' })).toBeUndefined();
  });

  it('takes an https address, keeping the query some list services put their list id in', () => {
    expect(signupUrl({ PRESS_SIGNUP_URL: ' https://lists.example.org/subscribe ' })).toBe('https://lists.example.org/subscribe');
    expect(signupUrl({ PRESS_SIGNUP_URL: 'https://x.list-manage.com/subscribe/post?u=abc&id=123' })).toBe('https://x.list-manage.com/subscribe/post?u=abc&id=123');
  });

  it('refuses what is not an https address, naming the variable, the value and the fix', () => {
    expect(refusal(() => signupUrl({ PRESS_SIGNUP_URL: 'lists.example.org' }))).toMatch(/PRESS_SIGNUP_URL="lists\.example\.org" is not a URL; .*https:\/\//);
    expect(refusal(() => signupUrl({ PRESS_SIGNUP_URL: 'http://lists.example.org/subscribe' }))).toMatch(/PRESS_SIGNUP_URL=.* must start with https:\/\//);
    expect(refusal(() => signupUrl({ PRESS_SIGNUP_URL: 'mailto:press@example.org' }))).toMatch(/must start with https:\/\//);
    expect(refusal(() => signupUrl({ PRESS_SIGNUP_URL: 'https://user:secret@lists.example.org/' }))).toMatch(/user name, password or #fragment/);
    expect(refusal(() => signupUrl({ PRESS_SIGNUP_URL: 'https://lists.example.org/#form' }))).toMatch(/user name, password or #fragment/);
  });
});
