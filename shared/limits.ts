/** Sizes both sides check; zod-free so the renderer can import them without a schema library. */
export const maxAvatarUploadBytes = 1024 * 1024;
