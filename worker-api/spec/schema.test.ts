import { describe, expect, it } from 'vitest';
import { type Schema, validate } from './schema';

const point: Schema = { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] };

describe('validate', () => {
  it('reads nullability spelled either way: ours, or the published type union', () => {
    expect(() => validate({ ...point, nullable: true }, null)).not.toThrow();
    expect(() => validate(point, null)).toThrow('body: must be an object');
    const published = { type: ['string', 'null'], enum: ['a', null] } as unknown as Schema;
    expect(() => validate(published, null)).not.toThrow();
    expect(() => validate(published, 'a')).not.toThrow();
    expect(() => validate(published, 'b')).toThrow('body: must be one of a,');
    expect(() => validate(published, 1)).toThrow('body: must be a string');
  });

  it('takes a oneOf value that matches exactly one alternative', () => {
    const kind = (k: string): Schema => ({ type: 'object', properties: { kind: { type: 'string', enum: [k] } }, required: ['kind'] });
    const either: Schema = { oneOf: [kind('a'), kind('b')] };
    expect(() => validate(either, { kind: 'b' })).not.toThrow();
    expect(() => validate(either, { kind: 'c' })).toThrow('body: matches none of its alternatives (body.kind: must be one of a; body.kind: must be one of b)');
    expect(() => validate({ oneOf: [point, point] }, { x: 1 })).toThrow('body: matches 2 of its alternatives, not one');
  });

  it('refuses fields a schema does not name when closed, unless it allows them', () => {
    expect(() => validate(point, { x: 1, y: 2 })).not.toThrow();
    expect(() => validate(point, { x: 1, y: 2 }, 'body', { closed: true })).toThrow('body.y: is not a known field');
    expect(() => validate({ ...point, additionalProperties: true }, { x: 1, y: 2 }, 'body', { closed: true })).not.toThrow();
  });
});
