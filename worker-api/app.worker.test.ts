import { describe, expect, it } from 'vitest';
import { api, fetchWorker } from './test/fixtures';

describe('the Worker', () => {
  it('answers unknown API paths with a JSON 404', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/health', '/api/v1/tracks/1/extra']) {
      const res = await fetchWorker(`http://x${path}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('allows CORS for its own origin only', async () => {
    const preflight = (origin: string) =>
      api('/identify', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const own = await preflight('http://earshot.test');
    expect(own.headers.get('access-control-allow-origin')).toBe('http://earshot.test');
    expect(own.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
