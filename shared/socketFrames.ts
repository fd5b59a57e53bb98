/**
 * Frames on the browser host's WebSocket. The renderer sends calls; the host answers
 * each with the contract result under the same id, and pushes core events.
 * Plain types here: the host validates incoming frames with its own schema.
 */
export type CallFrame = { type: 'call'; id: number; channel: string; payload: unknown };
export type ResultFrame = { type: 'result'; id: number; result: unknown };
export type EventFrame = { type: 'event'; event: string; payload: unknown };
export type HostFrame = ResultFrame | EventFrame;

/** The per-launch secret travels in the page URL's fragment (never sent to a server log). */
export const secretFragmentKey = 'secret';
export const socketPath = '/ipc';
/** Windows (sockets) the browser host serves at once by default; the page names it when turned away. */
export const defaultHostWindows = 16;
