/**
 * Runs at most `limit` tasks at once; the others wait their turn in order. A finishing task hands its
 * place straight to the next in line, so a newcomer cannot slip in between and exceed the limit.
 */
export function createTurns(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
