import * as z from 'zod';
import { textLimits } from './limits';

/**
 * The network the app uses (docs/network.md "The network belongs to the shell"): the
 * certificate decision for a server the app cannot verify, the certificates trusted per
 * server, the proxy in use, and the questions the desktop shell asks the person (a proxy
 * sign-in, which client certificate to present).
 */

const url = z.lazy(() => z.string().min(1).max(2048));
const promptId = z.lazy(() => z.string().min(1).max(100));
/** SHA-256, colon-separated upper-case hex, as the app shows and stores it. */
export const fingerprintSchema = z.lazy(() => z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/, 'A SHA-256 fingerprint (32 hex pairs).'));

export const certificateViewSchema = z.lazy(() =>
  z.object({
    subject: z.string(),
    issuer: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    fingerprint: z.string(),
    names: z.array(z.string()),
  }),
);
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const pinnedCertificateSchema = z.lazy(() =>
  z.object({
    origin: z.string(),
    fingerprint: z.string(),
    subject: z.string(),
    issuer: z.string(),
    validTo: z.string(),
    pinnedAt: z.string(),
  }),
);
export type PinnedCertificate = z.infer<typeof pinnedCertificateSchema>;

/**
 * untrusted — no authority this computer trusts issued it (a pin can cover this);
 * changed — the same, and another certificate was trusted for this server before;
 * expired, not-yet-valid, name-mismatch, other — never covered by a pin.
 */
export const certificateProblems = ['untrusted', 'changed', 'expired', 'not-yet-valid', 'name-mismatch', 'other'] as const;

export const certificateReviewSchema = z.lazy(() =>
  z.object({
    origin: z.string(),
    /** The server name as people read it. */
    server: z.string(),
    /** The certificate the server showed, when it could not be verified. */
    certificate: certificateViewSchema.nullable(),
    problem: z.enum(certificateProblems).nullable(),
    /** Whether "Trust this certificate for <server>" may be offered. */
    trustable: z.boolean(),
    /** The situation and its risk, in plain words. */
    explanation: z.string(),
    pinned: pinnedCertificateSchema.nullable(),
  }),
);
export type CertificateReview = z.infer<typeof certificateReviewSchema>;

export const certificateRequestSchema = z.lazy(() => z.object({ url }).strict());
export const trustCertificateRequestSchema = z.lazy(() => z.object({ url, fingerprint: fingerprintSchema }).strict());

export const networkInfoSchema = z.lazy(() =>
  z.object({
    /** Where the proxy comes from: the system's settings (desktop app) or HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
    proxySource: z.enum(['system', 'environment']),
    servers: z.array(
      z.object({
        serverId: z.string(),
        name: z.string(),
        url: z.string(),
        /** The proxy requests to this server take, in words ("Direct connection", "Proxy proxy.corp:3128"). */
        proxy: z.string(),
        pinned: pinnedCertificateSchema.nullable(),
        /** The client certificate presented to this server, when one is chosen or configured. */
        clientCertificate: z.string().nullable(),
      }),
    ),
  }),
);
export type NetworkInfo = z.infer<typeof networkInfoSchema>;

export const clientCertificateOptionSchema = z.lazy(() =>
  z.object({
    fingerprint: z.string(),
    subject: z.string(),
    issuer: z.string(),
    validTo: z.string(),
  }),
);

export const networkPromptSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      promptId,
      kind: z.literal('proxy-sign-in'),
      /** host:port of the proxy. */
      proxy: z.string(),
      realm: z.string(),
      /** The proxy refused the user name and password it had. */
      again: z.boolean(),
    }),
    z.object({
      promptId,
      kind: z.literal('client-certificate'),
      server: z.string(),
      certificates: z.array(clientCertificateOptionSchema),
    }),
  ]),
);
export type NetworkPrompt = z.infer<typeof networkPromptSchema>;

export const answerPromptRequestSchema = z.lazy(() =>
  z
    .object({
      promptId,
      /** null: cancel (no sign-in, no certificate). */
      answer: z.union([
        z.object({ username: z.string().min(1).max(textLimits.proxyUser), password: z.string().max(textLimits.proxyPassword) }).strict(),
        z.object({ fingerprint: fingerprintSchema }).strict(),
        z.null(),
      ]),
    })
    .strict(),
);
export type PromptAnswer = z.infer<typeof answerPromptRequestSchema>['answer'];
