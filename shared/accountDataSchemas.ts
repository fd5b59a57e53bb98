import * as z from 'zod';

const accountId = z.lazy(() => z.string().min(1).max(200));
const accountRequest = z.lazy(() => z.object({ accountId }).strict());

/** A username the server suggests for an account that has none yet: filled into the editor, saved through the outbox. */
export const usernameSuggestionSchema = z.lazy(() => z.object({ suggestion: z.string(), message: z.string() }));
export type UsernameSuggestion = z.infer<typeof usernameSuggestionSchema>;

/** Whether this account may ask for a copy of its data now, and if not, why (a sentence). */
export const dataDownloadViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    /** Who this is about, for the screen to name: "demouser on Demo server". */
    accountLabel: z.string(),
    available: z.boolean(),
    reason: z.string().nullable(),
  }),
);
export type DataDownloadView = z.infer<typeof dataDownloadViewSchema>;

/** The server's answer to a download request, in words; `requestedAt` is when the request it speaks of was made. */
export const dataDownloadAnswerSchema = z.lazy(() =>
  z.object({
    outcome: z.enum(['requested', 'already-requested', 'ready']),
    message: z.string(),
    requestedAt: z.string().nullable(),
  }),
);
export type DataDownloadAnswer = z.infer<typeof dataDownloadAnswerSchema>;

/** A username for accounts without one, and "download my data" (online only). */
export const accountDataChannels = {
  'profile.suggestUsername': { request: accountRequest, response: usernameSuggestionSchema },
  'security.dataDownload': { request: accountRequest, response: dataDownloadViewSchema },
  'security.requestDataDownload': {
    request: z.lazy(() => z.object({ accountId, fullExport: z.boolean() }).strict()),
    response: dataDownloadAnswerSchema,
  },
} as const;
