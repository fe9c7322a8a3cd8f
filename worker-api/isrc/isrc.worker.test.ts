import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, api, postJson, track } from '../test/fixtures';

type Err = { error: { code: string; message: string } };

beforeAll(async () => {
  expect((await postJson('/tracks', track(51, { isrc: 'GHABC2600051', title: 'Accra Nights' }), ADMIN)).status).toBe(201);
});

describe('GET /isrc/:isrc', () => {
  it('answers the normal form, the catalog’s tracks and a labelled society guess', async () => {
    const res = await api(`/isrc/${encodeURIComponent('ISRC gh-abc-26-00051')}`);
    expect(res.status).toBe(200);
    const a = (await res.json()) as Record<string, unknown> & { tracks: Array<{ title: string }> };
    expect(a).toMatchObject({
      isrc: 'GHABC2600051',
      hyphenated: 'GH-ABC-26-00051',
      year: 2026,
      country: { code: 'GH', name: 'Ghana' },
      rights_society_guess: { societies: ['GHAMRO'], basis: 'country of the ISRC registrant; societies license works, not recordings' },
    });
    expect(a.tracks.map((t) => t.title)).toEqual(['Accra Nights']);
  });

  it('refuses what is not an ISRC with 422 isrc_invalid and the reason', async () => {
    const res = await api('/isrc/GHABC260005');
    expect(res.status).toBe(422);
    const e = ((await res.json()) as Err).error;
    expect(e.code).toBe('isrc_invalid');
    expect(e.message).toContain('12 characters');
  });
});

describe('POST /isrc', () => {
  it('answers each of a batch in order, invalid ones with their own error', async () => {
    const res = await postJson('/isrc', { isrcs: ['ghabc2600051', 'FR-ABC-99-00001', 'nope'] }, {});
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ input: string; isrc?: string; tracks?: unknown[]; error?: { code: string } }> };
    expect(results.map((r) => r.input)).toEqual(['ghabc2600051', 'FR-ABC-99-00001', 'nope']);
    expect(results[0]).toMatchObject({ isrc: 'GHABC2600051', tracks: [expect.objectContaining({ title: 'Accra Nights' })] });
    expect(results[1]).toMatchObject({ isrc: 'FRABC9900001', year: 1999, tracks: [], rights_society_guess: { societies: ['SACEM'] } });
    expect(results[2].error?.code).toBe('isrc_invalid');
  });

  it('takes at most 50', async () => {
    expect((await postJson('/isrc', { isrcs: Array.from({ length: 51 }, () => 'GHABC2600051') }, {})).status).toBe(422);
    expect((await postJson('/isrc', { isrcs: [] }, {})).status).toBe(422);
  });
});
