import { describe, expect, it } from 'vitest';
import { USES_BEFORE_NAMING, withStatementName } from './statement-names';

const nameOf = (args: unknown[]) => (args[0] as { name?: string }).name;

/** The call as it goes out once its text has been used often enough to be named. */
function warm(args: unknown[]): unknown[] {
  for (let i = 1; i < USES_BEFORE_NAMING; i++) expect(nameOf(withStatementName(args))).toBeUndefined();
  return withStatementName(args);
}

describe('withStatementName', () => {
  it('names a config sent with parameters (as drizzle sends it), one name per text', () => {
    const callback = () => undefined;
    const a = warm([{ name: undefined, text: 'select $1::int as unit_a', types: {} }, [1]]);
    const again = withStatementName([{ text: 'select $1::int as unit_a' }, [2], callback]);
    const other = warm([{ text: 'select $1::int as unit_b', values: [3] }]);
    expect(nameOf(a)).toMatch(/^zq_\d+$/);
    expect(nameOf(again)).toBe(nameOf(a));
    expect(nameOf(other)).not.toBe(nameOf(a));
    // The rest of the call is kept: its values, its callback, the config's other fields.
    expect(again[1]).toEqual([2]);
    expect(again[2]).toBe(callback);
    expect((a[0] as { types: object }).types).toEqual({});
  });

  it('turns a text with values into a named config and keeps the callback', () => {
    const callback = () => undefined;
    const [config, next] = warm(['select $1::text as unit_c', ['x'], callback]);
    expect(config).toMatchObject({ text: 'select $1::text as unit_c', values: ['x'] });
    expect(nameOf([config])).toMatch(/^zq_\d+$/);
    expect(next).toBe(callback);
  });

  it('names a text only from its third use: what runs once takes no place', () => {
    expect(nameOf(withStatementName(['select $1::int as unit_h', [1]]))).toBeUndefined();
    expect(nameOf(withStatementName(['select $1::int as unit_h', [1]]))).toBeUndefined();
    expect(nameOf(withStatementName(['select $1::int as unit_h', [1]]))).toMatch(/^zq_\d+$/);
  });

  it('leaves alone what has no parameters, a name already, or is not a plain config', () => {
    const multi = ['begin; select 1; commit'];
    expect(withStatementName(multi)).toBe(multi);
    const noValues = [{ text: 'select 1 as unit_d' }, []];
    expect(withStatementName(noValues)).toBe(noValues);
    const named = [{ text: 'select $1 as unit_e', name: 'zevents_mine' }, [1]];
    expect(withStatementName(named)).toBe(named);
    const submittable = [{ text: 'select $1 as unit_f', values: [1], submit: () => undefined }];
    expect(withStatementName(submittable)).toBe(submittable);
  });

  it('leaves unnamed a call with a value node-postgres must serialize, and bulk statements', () => {
    const text = 'select $1::jsonb as unit_i';
    for (let i = 0; i < 4; i++) {
      // A value that fails to serialize would leave a named statement closed on the server.
      expect(nameOf(withStatementName([text, [{ big: 1n }]]))).toBeUndefined();
      expect(nameOf(withStatementName([text, [{ a: 1 }]]))).toBeUndefined();
      expect(nameOf(withStatementName([text, [new Date(Number.NaN)]]))).toBeUndefined();
      const many = Array.from({ length: 65 }, (_, n) => `$${n + 1}`).join(', ');
      expect(
        nameOf(withStatementName([`select ${many} as unit_k`, Array.from({ length: 65 }, () => 1)])),
      ).toBe(undefined);
    }
    // Plain values (text, numbers, dates, buffers, arrays of them) are named.
    const plain = ['x', 1, true, null, new Date(), Buffer.from('b'), ['a', 'b']];
    expect(nameOf(warm(['select $1, $2, $3, $4, $5, $6, $7 as unit_l', plain]))).toMatch(/^zq_\d+$/);
  });

  it('stops naming new texts past its limit, so a text that varies cannot grow without bound', () => {
    const names = Array.from(
      { length: 500 },
      (_, i) => nameOf(warm([`select $1::int + ${i} as unit_g`, [i]])) ?? null,
    );
    expect(names.filter((name) => name === null).length).toBeGreaterThan(0);
    // A text named before the limit keeps its name.
    expect(nameOf(withStatementName(['select $1::int + 0 as unit_g', [0]]))).toBe(names[0]);
  });
});
