import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkResponse, type Doc, servedDocument } from '../test/check-response';
import { api, postJson, track } from '../test/fixtures';

type Answer = { headers?: Record<string, { required?: boolean }>; content?: Record<string, { schema: any }> };
type Op = { parameters: { name: string; in: string; schema: any }[]; requestBody?: { content: Record<string, { schema: any }> }; responses: Record<string, Answer>; security?: unknown[] };
type Item = { servers?: { url: string }[] } & Record<string, Op>;
const served = async () => (await servedDocument()) as unknown as { servers: { url: string }[]; paths: Record<string, Item> };

describe('GET /openapi.json', () => {
  it('documents the headers and statuses identify has, and only those', async () => {
    const identify = (await served()).paths['/identify'].post;
    expect(identify.parameters.filter((p) => p.in === 'header').map((p) => p.name)).toEqual(['Idempotency-Key', 'Content-Encoding']);
    expect(Object.keys(identify.requestBody!.content).sort()).toEqual(['application/json', 'application/octet-stream']);
    expect(Object.keys(identify.responses).sort()).toEqual(['200', '400', '401', '403', '409', '413', '415', '422', '429', '500', '503']);
    expect(identify.responses[200].headers).toHaveProperty('Idempotent-Replayed');
    for (const code of [409, 429]) expect(identify.responses[code].headers!['Retry-After'].required).toBe(true);
    expect(identify.responses[409].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(identify.security).toEqual([{}, { partnerKey: [] }]);
  });

  it('gives the admin routes their token and its failures, and reads no 429 into them', async () => {
    const create = (await served()).paths['/tracks'].post;
    expect(create.security).toEqual([{ admin: [] }]);
    expect(Object.keys(create.responses).sort()).toEqual(['200', '201', '202', '400', '401', '409', '413', '415', '422', '500', '503']);
    expect(create.requestBody!.content['application/json'].schema.properties.artist.type).toEqual(['string', 'null']);
  });

  it("publishes duplicate_of as it is: null or a match when created, a match when a duplicate, absent otherwise", async () => {
    const create = (await served()).paths['/tracks'].post;
    const created = create.responses[201].content!['application/json'].schema;
    expect(created.properties.duplicate_of.type).toEqual(['object', 'null']);
    expect(created.required).toContain('duplicate_of');
    const [exists, duplicate] = create.responses[200].content!['application/json'].schema.oneOf;
    expect(exists.properties).not.toHaveProperty('duplicate_of');
    expect(duplicate.properties.duplicate_of.type).toBe('object');
  });

  it("puts TuneScout's endpoints under /api, with multipart uploads and TuneScout's errors", async () => {
    const doc = await served();
    for (const path of ['/recognize', '/fetch/{token}', '/fingerprint']) expect(new URL(doc.paths[path].servers![0].url).pathname).toBe('/api');
    const recognize = doc.paths['/recognize'].post;
    expect(recognize.requestBody!.content['multipart/form-data'].schema.required).toEqual(['file']);
    expect(recognize.responses[503].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/TuneScoutError' });
    expect(Object.keys(doc.paths['/fingerprint'].post.responses)).toContain('409');
  });

  it('documents exactly the bounds the API enforces', async () => {
    const doc = await served();
    const limit = doc.paths['/tracks'].get.parameters.find((p) => p.name === 'limit')!.schema;
    expect((await api(`/tracks?limit=${limit.maximum}`)).status).toBe(200);
    expect((await api(`/tracks?limit=${limit.maximum + 1}`)).status).toBe(422);
    const title = doc.paths['/tracks'].post.requestBody!.content['application/json'].schema.properties.title;
    const res = await postJson('/tracks', track(1, { title: 'x'.repeat(title.maxLength + 1) }));
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(`at most ${title.maxLength} characters`);
  });
});

describe('the response check of the workerd tests', () => {
  const url = 'http://earshot.test/api/v1/health';
  const health = () => exports.default.fetch(url);
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('passes a documented answer', async () => {
    await checkResponse('GET', url, await health());
  });

  it('fails an undocumented status, a body unlike its schema, a field the document leaves out, and a schema unlike the body', async () => {
    const body = (await (await health()).json()) as Record<string, unknown>;
    await expect(checkResponse('GET', url, json(body, 404))).rejects.toThrow('answered 404, which it does not document');
    await expect(checkResponse('GET', url, json({ ...body, ok: 'yes' }))).rejects.toThrow('body.ok: must be true or false');
    await expect(checkResponse('GET', url, json({ ...body, extra: 1 }))).rejects.toThrow('body.extra: is not a known field');
    const wrong = structuredClone(await servedDocument()) as Doc & { paths: Record<string, Item> };
    wrong.paths['/health'].get.responses[200].content!['application/json'].schema.properties.shards = { type: 'string' };
    await expect(checkResponse('GET', url, json(body), wrong)).rejects.toThrow('body.shards: must be a string');
  });

  it('fails a request to no operation unless it is answered as one', async () => {
    await checkResponse('GET', 'http://earshot.test/api/v1/nope', json({ error: { code: 'not_found', message: '' } }, 404));
    await expect(checkResponse('GET', 'http://earshot.test/api/v1/nope', json({}, 200))).rejects.toThrow('no operation');
  });
});
