import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets through the project's real eslint.config.js, so the test also proves the rules are
// wired to the right files (and that exempt files stay exempt).
const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const INDEX_ONLY = 'module-boundaries/index-only';
const SQL = 'module-boundaries/sql-in-repositories';

describe('module-boundaries/index-only', () => {
  it("fails when a module imports another module's repository", async () => {
    const code =
      "import { findEventById } from '../events/events.repository';\nexport const f = findEventById;\n";
    expect(await ruleIdsFor(code, 'apps/api/src/modules/stats/fixture.service.ts')).toEqual([INDEX_ONLY]);
  });

  it('fails at any depth and for type-only imports and re-exports', async () => {
    const code = [
      "import type { EventRow } from '../../events/events.repository';",
      "export { recordAudit } from '../../../modules/audit/audit.repository';",
      'export type Row = EventRow;',
      '',
    ].join('\n');
    expect(await ruleIdsFor(code, 'apps/api/src/modules/notifications/templates/fixture.ts')).toEqual([
      INDEX_ONLY,
      INDEX_ONLY,
    ]);
  });

  it("passes through the other module's index and inside the own module", async () => {
    const code = [
      "import { findEventById } from '../events';",
      "import { recordAudit } from '../audit/index';",
      "import { listStats } from './stats.repository';",
      'export const f = [findEventById, recordAudit, listStats];',
      '',
    ].join('\n');
    expect(await ruleIdsFor(code, 'apps/api/src/modules/stats/fixture.service.ts')).toEqual([]);
  });
});

describe('module-boundaries/sql-in-repositories', () => {
  const sqlCode = [
    "import { eq, sql } from 'drizzle-orm';",
    "import { events } from '../../db/schema';",
    'export const q = [eq, sql, events];',
    '',
  ].join('\n');

  it('fails on drizzle-orm or a schema table imported outside a repository', async () => {
    expect(await ruleIdsFor(sqlCode, 'apps/api/src/modules/stats/fixture.service.ts')).toEqual([SQL, SQL]);
    expect(await ruleIdsFor(sqlCode, 'apps/api/src/modules/stats/fixture.routes.ts')).toEqual([SQL, SQL]);
  });

  it('fails on a raw pool.query with SQL text', async () => {
    const code =
      "import type { Pool } from 'pg';\nexport const f = (pool: Pool) => pool.query('SELECT 1');\n";
    expect(await ruleIdsFor(code, 'apps/api/src/operations/fixture.ts')).toEqual([SQL]);
  });

  it('passes in repositories, *.sql.ts files, and for type-only imports', async () => {
    expect(await ruleIdsFor(sqlCode, 'apps/api/src/modules/stats/fixture.repository.ts')).toEqual([]);
    expect(await ruleIdsFor(sqlCode, 'apps/api/src/modules/stats/fixture.sql.ts')).toEqual([]);
    const typeOnly = [
      "import type { SQL } from 'drizzle-orm';",
      "import type { Db } from '../../db/client';",
      'export type T = [SQL, Db];',
      '',
    ].join('\n');
    expect(await ruleIdsFor(typeOnly, 'apps/api/src/modules/stats/fixture.service.ts')).toEqual([]);
  });
});
