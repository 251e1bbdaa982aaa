/**
 * TypeScript declarations from the JSON Schemas zod writes (z.toJSONSchema of a registry): the
 * subset the API's response schemas use. Objects become interfaces, `$ref`s their names,
 * descriptions JSDoc comments. Extra keys of loose objects are left out on purpose: a type
 * lists the fields the API promises, so the page cannot read one that is not documented.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  description?: string;
  [other: string]: unknown;
}

/** Thrown for a construct the converter does not know, naming where it is. */
export class UnsupportedSchema extends Error {}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const literal = (v: unknown): string => JSON.stringify(v);
const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

function doc(description: string | undefined, indent: string): string {
  if (!description) return '';
  const safe = description.replace(/\*\//g, '*\\/');
  return `${indent}/** ${safe} */\n`;
}

/** Wraps a union or function type so `[]` applies to all of it. */
const arrayOf = (t: string): string => (/[|&]/.test(t) && !/^[A-Za-z0-9_$<>.]+$/.test(t) ? `(${t})[]` : `${t}[]`);

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 1 ? unique[0]! : unique.join(' | ');
}

/** The type expression of `s` (at `where`, for error messages), written at `indent`. */
export function typeOf(s: JsonSchema, where: string, indent = ''): string {
  if (s.$ref !== undefined) return s.$ref.replace(/^#\/\$defs\//, '');
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return union(s.enum.map(literal));
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return union(alternatives.map((a, i) => typeOf(a, `${where}|${i}`, indent)));
  if (s.allOf) return s.allOf.map((a, i) => typeOf(a, `${where}&${i}`, indent)).join(' & ');
  if (Array.isArray(s.type)) return union(s.type.map((t) => typeOf({ ...s, type: t }, where, indent)));
  switch (s.type) {
    case undefined:
      return 'unknown';
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (s.prefixItems) return `[${s.prefixItems.map((p, i) => typeOf(p, `${where}[${i}]`, indent)).join(', ')}]`;
      return arrayOf(s.items ? typeOf(s.items, `${where}[]`, indent) : 'unknown');
    case 'object':
      return objectType(s, where, indent);
    default:
      throw new UnsupportedSchema(`${where}: JSON Schema type "${String(s.type)}" has no TypeScript counterpart here`);
  }
}

function objectType(s: JsonSchema, where: string, indent: string): string {
  const props = Object.entries(s.properties ?? {});
  const extra = s.additionalProperties;
  if (props.length === 0) {
    // A record (z.record): its values' type; an object that promises no field: unknown values.
    const values = typeof extra === 'object' && Object.keys(extra).length > 0 ? typeOf(extra, `${where}{}`, indent) : 'unknown';
    return `Record<string, ${values}>`;
  }
  const required = new Set(s.required ?? []);
  const inner = `${indent}  `;
  const lines = props.map(
    ([name, p]) => `${doc(p.description, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(p, `${where}.${name}`, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** One `export interface` (objects) or `export type` per named schema, in the given order. */
export function declarations(schemas: Record<string, JsonSchema>): string {
  return Object.entries(schemas)
    .map(([name, s]) => {
      const head = doc(s.description, '');
      const t = typeOf(s, name);
      return s.type === 'object' && s.properties ? `${head}export interface ${name} ${t}\n` : `${head}export type ${name} = ${t};\n`;
    })
    .join('\n');
}
