import { maxAvatarUploadBytes } from '../../../shared/limits';

const signatures: { type: string; matches(bytes: Buffer): boolean }[] = [
  { type: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/**
 * Why an image cannot be an avatar, or null. The bytes must really be the PNG, JPEG,
 * GIF or WebP they claim to be (a renamed file is refused here, before any upload).
 */
export function avatarImageProblem(bytes: Buffer, contentType: string): string | null {
  if (bytes.length === 0) return 'The file is empty.';
  if (bytes.length > maxAvatarUploadBytes)
    return `The image is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; avatars may be at most 1 MB.`;
  const actual = signatures.find((signature) => signature.matches(bytes))?.type;
  if (!actual) return 'That file is not an image. Choose a PNG, JPEG, GIF or WebP picture.';
  if (actual !== contentType.toLowerCase())
    return `The file says it is ${contentType || 'unknown'} but it is ${actual}. Choose the picture again.`;
  return null;
}
