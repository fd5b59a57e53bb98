// The child process of nodeFetchProcess.ts: one nodeFetch per request, asked for /api/info.
import { systemClock } from '../../electron/core/clock';
import { ApiFailure } from '../../electron/core/usersApi/apiFailure';
import { fetchServerInfo } from '../../electron/core/usersApi/authApi';
import { createNodeFetch, type NodeFetch } from '../../electron/core/usersApi/transport/nodeFetch';
import { UsersApiClient } from '../../electron/core/usersApi/usersApiClient';
import type { ChildOutcome, ChildRequest, JudgeQuestion } from './nodeFetchProcess';

process.on('message', (request: ChildRequest) => {
  // fetchInfo turns every failure into an outcome; the parent waits for the message.
  void fetchInfo(request).then((outcome) => process.send?.(outcome));
});
process.send?.({ ready: true });

async function fetchInfo(request: ChildRequest): Promise<ChildOutcome> {
  const asked: JudgeQuestion[] = [];
  let nodeFetch: NodeFetch | undefined;
  try {
    nodeFetch = createNodeFetch({
      env: request.env,
      judge: {
        judge(connection) {
          const fingerprint = connection.certificate.fingerprint256;
          asked.push({ origin: connection.origin, reason: connection.reason, fingerprint });
          return request.pins[connection.origin] === fingerprint ? true : { code: connection.reason };
        },
      },
    });
    const client = new UsersApiClient({
      baseUrl: request.url,
      fetch: nodeFetch.fetch,
      clock: systemClock,
      timeoutMs: 10_000,
      retryPolicy: { attempts: 1 },
    });
    const info = await fetchServerInfo(client);
    return { id: request.id, ok: true, version: info.version, asked };
  } catch (error) {
    const failure = error instanceof ApiFailure ? error : null;
    return {
      id: request.id,
      ok: false,
      code: failure?.code ?? 'thrown',
      message: (error as Error).message,
      detail: failure?.details.detail,
      asked,
    };
  } finally {
    await nodeFetch?.close();
  }
}
