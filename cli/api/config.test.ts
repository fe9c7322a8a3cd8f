import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../usage';
import { adminToken, apiUrl } from './config';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('API address and token', () => {
  it('takes the flag, then EARSHOT_API, then the local default; refuses what is not an http URL', () => {
    delete process.env.EARSHOT_API;
    expect(apiUrl(undefined)).toBe('http://127.0.0.1:8787');
    process.env.EARSHOT_API = 'https://earshot.example/';
    expect(apiUrl(undefined)).toBe('https://earshot.example');
    expect(apiUrl('http://10.0.0.2:9000//')).toBe('http://10.0.0.2:9000');
    for (const bad of ['earshot.example', 'ftp://earshot.example']) expect(() => apiUrl(bad)).toThrow(UsageError);
  });

  it('never sends the local .dev.vars token to a remote API', () => {
    delete process.env.EARSHOT_TOKEN;
    expect(adminToken(undefined, 'https://earshot.example')).toBeUndefined();
    expect(adminToken('given-token', 'https://earshot.example')).toBe('given-token');
    process.env.EARSHOT_TOKEN = 'env-token';
    expect(adminToken(undefined, 'https://earshot.example')).toBe('env-token');
  });
});
