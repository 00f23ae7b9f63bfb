import type { Server } from 'node:http';

/**
 * How long the API keeps an idle keep-alive connection open. Node closes one after 5 s by default.
 * A load balancer in front keeps its own connections to the API open for its idle timeout (60 s on
 * the common ones) and reuses them: when the API closes one first, a request the balancer sends on
 * it at that moment meets a closed connection, and its buyer gets a 502 for a request that never
 * reached the API. So the API waits longer than the balancer (65 s by default), and the balancer is
 * always the one that closes. A request's headers get one second more than that, so a request that
 * starts just before the idle limit is never cut by the headers timer first.
 */
export function applyKeepAlive(server: Server, keepAliveMs: number): void {
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 1_000;
}
