import { parentPort } from 'node:worker_threads';
import { type OpenLoopRequest, runOpenLoop } from './open-loop';
import type { OpenLoopRequests, OpenLoopThreadOptions, OpenLoopThreadResult } from './open-loop-thread';
import { reserveRequest } from './reserve-request';

/** The open-loop generator's thread (bench/open-loop-thread.ts): one run per message, one at a time. */
function requestsOf(plan: OpenLoopRequests): (i: number) => OpenLoopRequest {
  if (plan.kind === 'get') return () => ({ path: plan.path, method: 'GET', headers: {} });
  return (i) => ({ path: '/api/orders', method: 'POST', ...reserveRequest(plan.sale, plan.firstBuyer + i) });
}

parentPort?.on('message', (options: OpenLoopThreadOptions) => {
  const { requests, countHeader, ...load } = options;
  let withHeader = 0;
  // A run that fails rejects unhandled: that ends the thread with the error, which its 'error'
  // event hands to the bench's waiting run (open-loop-thread.ts).
  void runOpenLoop({
    ...load,
    request: requestsOf(requests),
    ...(countHeader
      ? {
          onHeaders: (status: number, headers: Record<string, string>) => {
            if (status === countHeader.status && headers[countHeader.header]) withHeader += 1;
          },
        }
      : {}),
  }).then((result) => {
    const answer: OpenLoopThreadResult = { ...result, withHeader };
    parentPort?.postMessage(answer);
  });
});
