import * as z from 'zod';

/**
 * Zod compiles a fast parser for each object schema (`new Function`) on its first parse.
 * The app parses most schemas a few times per start, where compiling costs more than it
 * saves (about 4 ms of the offline start, bench P1), and the window's CSP forbids eval
 * anyway, so zod would only probe for it there: parse without compiling (docs/decisions.md D52).
 */
z.config({ jitless: true });
