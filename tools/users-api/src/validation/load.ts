// Loads ./published.ts through tsx's import API, which resolves the extensionless ESM
// imports inside @rocket.chat/rest-typings under every runner (tsx, vitest, Playwright);
// a static import fails under Node's own loader. Loaded once per process.
import { tsImport } from 'tsx/esm/api';
import type * as Published from './published';
import type { ValidatorName } from './published';
import type { Validator } from './types';

export type Validators = Record<ValidatorName, Validator>;

let loading: Promise<Validators> | undefined;

export function loadValidators(): Promise<Validators> {
  loading ??= (tsImport('./published.ts', import.meta.url) as Promise<typeof Published>).then((module) => module.publishedValidators);
  return loading;
}
