import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds spent by processes, read from /proc (Linux): throughput on a 2-core machine shared by
 * the load generator, the server and PostgreSQL moves with whatever else runs, but the CPU one request
 * costs each process moves far less, so the benchmarks print it beside the throughput.
 */
const TICKS_PER_SECOND = 100;

function cpuSecondsOfStat(stat: string): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line: 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function readStat(pid: number | string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every PostgreSQL process on the machine (the benchmark's database is the only busy one), by pid. */
function postgresCpuSeconds(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.includes('(postgres)')) byPid.set(entry, cpuSecondsOfStat(stat));
  }
  return byPid;
}

/** What the processes alive now spent since `before` (a connection closed meanwhile is not counted). */
function spentSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpuSeconds()) total += seconds - (before.get(pid) ?? 0);
  return total;
}

export interface CpuPerRequest {
  serverMicros: number;
  postgresMicros: number;
}

/** Starts counting; `stop(requests)` answers the CPU per request since, of the server and of PostgreSQL. */
export function startCpuMeter(serverPid: number | undefined): {
  stop: (requests: number) => CpuPerRequest | undefined;
} {
  const isLinux = process.platform === 'linux' && serverPid !== undefined;
  const serverAt = () => {
    const stat = isLinux ? readStat(serverPid) : undefined;
    return stat ? cpuSecondsOfStat(stat) : Number.NaN;
  };
  const server0 = serverAt();
  const postgres0 = isLinux ? postgresCpuSeconds() : new Map<string, number>();
  return {
    stop: (requests) => {
      if (!isLinux || requests === 0 || Number.isNaN(server0)) return undefined;
      return {
        serverMicros: ((serverAt() - server0) / requests) * 1e6,
        postgresMicros: (spentSince(postgres0) / requests) * 1e6,
      };
    },
  };
}

export const describeCpu = (cpu: CpuPerRequest | undefined): string =>
  cpu
    ? `CPU per request: server ${cpu.serverMicros.toFixed(0)} µs, PostgreSQL ${cpu.postgresMicros.toFixed(0)} µs`
    : 'CPU per request: not measured (Linux only)';
