// Setup of the renderer-dom vitest project: Testing Library's matchers, one cleanup per test,
// and waits long enough for a busy 2-core machine (they wait for a state, never a set time).
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

configure({ asyncUtilTimeout: 15_000 });
afterEach(() => cleanup());
