import type autocannon from 'autocannon';

/** One measured part: requests/s, latency percentiles and the answers by status. */
export function formatResult(title: string, r: autocannon.Result): string {
  const byStatus = Object.entries(r.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}: ${(stat as { count: number }).count}`)
    .join(', ');
  return [
    `\n${title}`,
    `  requests/s: ${r.requests.average.toFixed(0)} (total ${r.requests.total} in ${r.duration.toFixed(1)} s)`,
    `  latency ms: p50 ${r.latency.p50}, p90 ${r.latency.p90}, p99 ${r.latency.p99}, max ${r.latency.max}`,
    `  answers: ${byStatus}; errors ${r.errors}, timeouts ${r.timeouts}`,
  ].join('\n');
}
