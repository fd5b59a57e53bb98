// Runs a route's validator and answers a rejection as Rocket.Chat does: AJV's messages joined
// with "\n ", as the router answers a typed route (packages/http-router/src/Router.ts) or as
// ApiClass throws for validateParams (apps/meteor/server/api/ApiClass.ts) — docs/protocol.md §0.
import { ApiError, invalidParamsOld, invalidParamsTyped } from '../http/envelope';
import type { RequestContext } from '../http/router';
import type { Validators } from './load';
import type { ParamsCheck } from './routeParams';

/** A request a validator refused; the request log records its messages. */
export class ValidatorRejection extends ApiError {
  constructor(
    readonly messages: string[],
    reply: ApiError,
  ) {
    super(reply.status, reply.body);
  }
}

export function checkParams(ctx: RequestContext, check: ParamsCheck, validators: Validators): void {
  const validate = validators[check.validator];
  // The query is checked on a copy: the query AJV instance coerces in place ("50" → 50) and
  // the handlers here read strings. A body is coerced in place, as Rocket.Chat's handlers see it.
  const data = check.on === 'query' ? { ...ctx.query } : ctx.body;
  if (validate(data)) return;
  const messages = (validate.errors ?? []).map((error) => error.message ?? '');
  const reply = check.style === 'validateParams' ? invalidParamsOld(messages) : invalidParamsTyped(check.on, messages);
  throw new ValidatorRejection(messages, reply);
}
