import { describe, expect, it } from 'vitest';
import { toStrictSchema, type CelRuleSet } from '../../scripts/schemas/convert.js';
import { stableStringify } from '../../scripts/schemas/json.js';

describe('toStrictSchema', () => {
  const cases: [string, unknown, unknown][] = [
    ['drops descriptions and closes objects', { description: 'x', type: 'object', properties: { a: { type: 'string', description: 'y', default: '' } } }, { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }],
    ['unwraps allOf refs and rewrites them', { allOf: [{ $ref: '#/components/schemas/io.k8s.X' }], default: {}, description: 'd' }, { $ref: '#/definitions/io.k8s.X' }],
    ['int-or-string format', { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }, { anyOf: [{ type: 'integer' }, { type: 'string' }] }],
    ['int-or-string extension keeps a pattern', { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^\\d+%$' }, { pattern: '^\\d+%$', anyOf: [{ type: 'integer' }, { type: 'string' }] }],
    ['numeric formats become plain types', { type: 'integer', format: 'int32' }, { type: 'integer' }],
    ['known string formats are kept', { type: 'string', format: 'byte' }, { type: 'string', format: 'byte' }],
    ['unknown formats are dropped', { type: 'string', format: 'password' }, { type: 'string' }],
    ['preserve-unknown-fields stays open', { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'object', properties: { b: {} } } } }, { type: 'object', properties: { a: { type: 'object', properties: { b: {} }, additionalProperties: false } } }],
    ['embedded resource requires type meta', { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true }, { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } }, required: ['apiVersion', 'kind', 'metadata'] }],
    ['maps keep their value schema', { type: 'object', additionalProperties: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'string' } }],
    ['OpenAPI exclusive bounds', { type: 'integer', minimum: 0, exclusiveMinimum: true }, { type: 'integer', exclusiveMinimum: 0 }],
    ['nullable', { type: 'string', nullable: true, enum: ['a'] }, { type: ['string', 'null'], enum: ['a', null] }],
    ['junctor branches are not closed', { type: 'object', properties: { a: {} }, oneOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }] }, { type: 'object', properties: { a: {} }, additionalProperties: false, oneOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }] }],
    ['list-map extensions are not validation', { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'string' } }, { type: 'array', items: { type: 'string' } }],
  ];
  for (const [name, input, expected] of cases) it(name, () => expect(toStrictSchema(input)).toEqual(expected));

  it('lifts CEL rules with the pointer pattern of self', () => {
    const cel: CelRuleSet[] = [];
    toStrictSchema(
      {
        type: 'object',
        properties: { spec: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', 'x-kubernetes-validations': [{ rule: 'has(self.a)', message: 'a is required', reason: 'FieldValueRequired' }] } } } } },
      },
      { cel },
    );
    expect(cel).toEqual([{ path: '/spec/items/*', rules: [{ rule: 'has(self.a)', message: 'a is required' }] }]);
  });
});

describe('stableStringify', () => {
  it('sorts keys and breaks the first levels onto lines', () => {
    expect(stableStringify({ b: { y: [1, { d: 1, c: 2 }], x: 1 }, a: 1 })).toBe('{\n"a":1,\n"b":{\n"x":1,\n"y":[1,{"c":2,"d":1}]\n}\n}\n');
  });
});
