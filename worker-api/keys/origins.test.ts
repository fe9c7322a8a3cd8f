import { describe, expect, it } from 'vitest';
import { normalOrigin, originProblem } from './origins';

describe('partner key origins', () => {
  it('takes scheme://host[:port] and puts it in the form browsers send', () => {
    expect(normalOrigin('https://radio.example')).toBe('https://radio.example');
    expect(normalOrigin('HTTPS://Radio.Example/')).toBe('https://radio.example');
    expect(normalOrigin('https://radio.example:443')).toBe('https://radio.example');
    expect(normalOrigin('http://radio.example:80')).toBe('http://radio.example');
    expect(normalOrigin('https://radio.example:8443')).toBe('https://radio.example:8443');
    expect(normalOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    // another scheme or port is another origin
    expect(normalOrigin('http://radio.example')).not.toBe(normalOrigin('https://radio.example'));
    expect(normalOrigin('https://radio.example:8443')).not.toBe(normalOrigin('https://radio.example'));
  });

  it('refuses what is not one origin, saying why', () => {
    for (const bad of ['null', 'https://*.radio.example', '*', 'radio.example', 'ftp://radio.example', 'https://radio.example/player', 'https://radio.example/?a=1', 'https://radio.example#x', 'https://user:pw@radio.example', 'javascript:alert(1)', '', 'https://']) {
      expect(originProblem(bad), bad).not.toBeNull();
      expect(normalOrigin(bad), bad).toBeNull();
    }
  });
});
