/** Sizes both sides check; zod-free so the renderer can import them without a schema library. */
export const maxAvatarUploadBytes = 1024 * 1024;

/**
 * How many people a directory sync copies for one server unless the person raises it.
 * 100,000 covers all but the largest workspaces while bounding what a server (or a server
 * claiming a false total) can make this computer store: about 55 MB on disk and 1,000
 * page requests (docs/decisions.md, "Directory limit").
 */
export const defaultDirectoryLimit = 100_000;

/** The highest directory limit a person may set: about 2.7 GB of disk at that size. */
export const maxDirectoryLimit = 5_000_000;
