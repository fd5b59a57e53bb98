import { describe, expect, it } from 'vitest';
import { isHelpLink } from './externalLinks';

describe('isHelpLink', () => {
  it('takes https pages of the help hosts only', () => {
    expect(isHelpLink('https://github.com/x')).toBe(true);
    expect(isHelpLink('https://docs.rocket.chat/api')).toBe(true);
    expect(isHelpLink('http://docs.rocket.chat/')).toBe(false);
    expect(isHelpLink('https://github.com.evil.example/')).toBe(false);
    expect(isHelpLink('javascript:alert(1)')).toBe(false);
    expect(isHelpLink('not a url')).toBe(false);
  });
});
