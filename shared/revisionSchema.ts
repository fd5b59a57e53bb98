import * as z from 'zod';

/**
 * Counts the changes of one thing (the account list, an account's profile, its outbox) in
 * this run of the core. Its `*.changed` event and its view both carry it: a window holding
 * a view at revision n or later already shows the change announced with n, and need not
 * ask again.
 */
export const revisionSchema = z.lazy(() => z.number().int().nonnegative());
