import { describe, expect, it } from 'vitest';
import { api, postJson, track } from '../test/fixtures';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: any }> }; parameters: { name: string; schema: any }[]; responses: Record<string, unknown>; security?: unknown[] }>>;
};

describe('GET /openapi.json', () => {
  it('describes every endpoint, generated from the definitions that validate requests', async () => {
    const doc = (await (await api('/openapi.json')).json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([p, m]) => Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual(
      ['GET /health', 'GET /openapi.json', 'GET /results/{token}', 'GET /stats', 'GET /tracks', 'GET /tracks/{id}', 'GET /tracks/{id}/hashes', 'POST /identify', 'POST /tracks', 'DELETE /tracks/{id}',
        'POST /keys', 'GET /keys', 'GET /keys/{id}/usage', 'POST /keys/{id}/rotate', 'DELETE /keys/{id}', 'GET /partner', 'GET /isrc/{isrc}', 'POST /isrc', 'POST /identify/fallback',
        'POST /stations', 'GET /stations', 'GET /stations/{id}', 'POST /stations/{id}/pause', 'POST /stations/{id}/resume', 'DELETE /stations/{id}',
        'GET /stations/{id}/plays', 'GET /stations/{id}/live', 'GET /plays.csv', 'GET /plays/daily'].sort(),
    );
    const identify = doc.paths['/identify'].post;
    expect(Object.keys(identify.requestBody!.content).sort()).toEqual(['application/json', 'application/octet-stream']);
    expect(identify.responses).toHaveProperty('429');
    expect(doc.paths['/tracks'].post.security).toEqual([{ admin: [] }]);
    expect(doc.paths['/tracks'].post.requestBody!.content['application/json'].schema.properties.artist.type).toEqual(['string', 'null']);
  });

  it('documents exactly the bounds the API enforces', async () => {
    const doc = (await (await api('/openapi.json')).json()) as Doc;
    const limit = doc.paths['/tracks'].get.parameters.find((p) => p.name === 'limit')!.schema;
    expect((await api(`/tracks?limit=${limit.maximum}`)).status).toBe(200);
    expect((await api(`/tracks?limit=${limit.maximum + 1}`)).status).toBe(422);
    const title = doc.paths['/tracks'].post.requestBody!.content['application/json'].schema.properties.title;
    const res = await postJson('/tracks', track(1, { title: 'x'.repeat(title.maxLength + 1) }));
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(`at most ${title.maxLength} characters`);
  });
});
