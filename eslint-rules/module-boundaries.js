// @ts-check
/**
 * Local ESLint rules that keep the API's module edges where docs/architecture says they are.
 *
 * - `module-boundaries/index-only`: a file under `apps/api/src/modules/X/` may reach another module Y
 *   only through `modules/Y/index.ts`. The import path is resolved against the importing file, so the
 *   rule holds at any depth (`../orders/x`, `../../orders/x` from `notifications/templates/`, ...),
 *   where glob patterns on the raw string would miss one spelling or another.
 * - `module-boundaries/sql-in-repositories`: only repositories (and whoever the config exempts) write
 *   SQL. SQL is recognised by what it needs: a value import of `drizzle-orm` (the `sql` template,
 *   operators like `eq`) or of a table from `db/schema`, or a raw `pool.query('...')` call. Type-only
 *   imports carry no SQL and stay allowed.
 */
import path from 'node:path';

const MODULES_DIR = /(?:^|\/)apps\/api\/src\/modules\/([^/]+)\/(.*)$/;
const SCHEMA_DIR = /(?:^|\/)apps\/api\/src\/db\/schema(?:\/|\.ts$|$)/;
const INDEX_FILE = /^(?:index(?:\.[cm]?[jt]s)?)?$/;

/** @param {string} filename */
function toPosix(filename) {
  return filename.split(path.sep).join('/');
}

/**
 * The absolute (posix) path an import specifier points to, or null for a package import.
 * @param {string} importer
 * @param {string} specifier
 */
function resolveImport(importer, specifier) {
  if (!specifier.startsWith('.')) return null;
  return toPosix(path.resolve(path.dirname(importer), specifier));
}

/**
 * Every `import`, `export ... from`, dynamic `import()` and `require()` of a file, handed to `check`
 * with whether it brings in types only.
 * @param {(node: import('estree').Node, specifier: string, typeOnly: boolean) => void} check
 * @returns {import('eslint').Rule.RuleListener}
 */
function visitImports(check) {
  return {
    ImportDeclaration(node) {
      if (typeof node.source.value !== 'string') return;
      const declaration = /** @type {{ importKind?: string }} */ (/** @type {unknown} */ (node));
      const specifiers = node.specifiers;
      const everySpecifierIsType =
        specifiers.length > 0 &&
        specifiers.every(
          (s) => /** @type {{ importKind?: string }} */ (/** @type {unknown} */ (s)).importKind === 'type',
        );
      check(node.source, node.source.value, declaration.importKind === 'type' || everySpecifierIsType);
    },
    ExportNamedDeclaration(node) {
      if (!node.source || typeof node.source.value !== 'string') return;
      const declaration = /** @type {{ exportKind?: string }} */ (/** @type {unknown} */ (node));
      check(node.source, node.source.value, declaration.exportKind === 'type');
    },
    ExportAllDeclaration(node) {
      if (typeof node.source.value !== 'string') return;
      const declaration = /** @type {{ exportKind?: string }} */ (/** @type {unknown} */ (node));
      check(node.source, node.source.value, declaration.exportKind === 'type');
    },
    ImportExpression(node) {
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') {
        check(node.source, node.source.value, false);
      }
    },
  };
}

/** @type {import('eslint').Rule.RuleModule} */
const indexOnly = {
  meta: {
    type: 'problem',
    docs: { description: "A module imports another module only through that module's index.ts" },
    schema: [],
    messages: {
      internal:
        "'{{specifier}}' reaches into module '{{target}}'; import from its index ('{{suggestion}}') and export what you need there.",
    },
  },
  create(context) {
    const importer = toPosix(context.filename);
    const own = MODULES_DIR.exec(importer);
    if (!own) return {};
    const ownModule = own[1];
    return visitImports((node, specifier) => {
      const resolved = resolveImport(context.filename, specifier);
      if (!resolved) return;
      const target = MODULES_DIR.exec(resolved) ?? MODULES_DIR.exec(`${resolved}/`);
      if (!target || target[1] === ownModule) return;
      if (INDEX_FILE.test(target[2] ?? '')) return;
      const modulesRoot = resolved.slice(0, resolved.length - (target[2] ?? '').length - 1);
      let suggestion = toPosix(path.relative(path.dirname(importer), modulesRoot));
      if (!suggestion.startsWith('.')) suggestion = `./${suggestion}`;
      context.report({
        node,
        messageId: 'internal',
        data: { specifier, target: target[1] ?? '', suggestion },
      });
    });
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const sqlInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL lives in *.repository.ts / *.sql.ts only' },
    schema: [],
    messages: {
      drizzle:
        "SQL outside a repository: '{{specifier}}' is imported here; move the query into a *.repository.ts.",
      schema:
        'SQL outside a repository: a table from db/schema is imported here; move the query into a *.repository.ts.',
      rawQuery: 'SQL outside a repository: a raw .query() with SQL text; move it into a *.repository.ts.',
    },
  },
  create(context) {
    return {
      ...visitImports((node, specifier, typeOnly) => {
        if (typeOnly) return;
        if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
          context.report({ node, messageId: 'drizzle', data: { specifier } });
          return;
        }
        const resolved = resolveImport(context.filename, specifier);
        if (resolved && SCHEMA_DIR.test(resolved)) context.report({ node, messageId: 'schema' });
      }),
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed) return;
        if (callee.property.type !== 'Identifier' || callee.property.name !== 'query') return;
        const first = node.arguments[0];
        const isText =
          first &&
          ((first.type === 'Literal' && typeof first.value === 'string') || first.type === 'TemplateLiteral');
        if (isText) context.report({ node, messageId: 'rawQuery' });
      },
    };
  },
};

export default {
  meta: { name: 'module-boundaries' },
  rules: { 'index-only': indexOnly, 'sql-in-repositories': sqlInRepositories },
};
