import { describe, expect, it } from 'vitest';
import { avatarImageProblem } from './avatarImage';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('avatar images are checked before upload', () => {
  it('takes a real PNG, JPEG, GIF or WebP', () => {
    expect(avatarImageProblem(png, 'image/png')).toBeNull();
    expect(avatarImageProblem(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/jpeg')).toBeNull();
    expect(avatarImageProblem(Buffer.from('GIF89a....'), 'image/gif')).toBeNull();
    expect(avatarImageProblem(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'image/webp')).toBeNull();
  });

  it('refuses text, an empty file, a renamed file and one over 1 MB', () => {
    expect(avatarImageProblem(Buffer.from('hello, not a picture'), 'image/png')).toMatch(/not an image/);
    expect(avatarImageProblem(Buffer.alloc(0), 'image/png')).toMatch(/empty/);
    expect(avatarImageProblem(png, 'image/jpeg')).toMatch(/it is image\/png/);
    expect(avatarImageProblem(Buffer.concat([png, Buffer.alloc(1024 * 1024)]), 'image/png')).toMatch(/at most 1 MB/);
  });
});
