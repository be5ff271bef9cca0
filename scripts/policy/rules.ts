// Declarative rules: policies/rules/<id>.yaml, checked against the published rule schema and compiled into
// policies that run through the same engine as the TypeScript ones.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import type { Severity } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import type { Resource } from '../core/resource.js';
import { RULE_SCHEMA } from './rule-schema.js';
import type { Policy, PolicyFinding } from './types.js';
import { cacheKey, ValidatorCompiler, type ValidateFunction } from '../schemas/compile.js';
import { describeAjvError, loadYamlFile } from '../schemas/tool-file.js';

export const RULES_DIR = 'policies/rules';

const rulePolicies = new WeakSet<object>();

/** True for policies compiled from a rule file. */
export function isRulePolicy(policy: object): boolean {
  return rulePolicies.has(policy);
}

interface RuleFile {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  remediation: string;
  match: { kinds: string[]; apiGroups?: string[] };
  schema: object | boolean;
  message: string;
  hint?: string;
  docs?: string;
}

/**
 * Compile every rule file; an id that clashes with a built-in policy or another rule is an error. Rule
 * validators are cached in `cacheDir` like the resource schemas, so a warm run does not load the ajv compiler.
 */
export function loadRules(
  root: string,
  takenIds: ReadonlySet<string>,
  cacheDir?: string,
): Policy<Record<string, never>>[] {
  const dir = join(root, RULES_DIR);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const compiler = new ValidatorCompiler(cacheDir ? join(cacheDir, 'rules') : undefined, { messages: true });
  const seen = new Set(takenIds);
  const out: Policy<Record<string, never>>[] = [];
  for (const name of files) {
    const file = `${RULES_DIR}/${name}`;
    const yf = loadYamlFile(root, file, { schema: RULE_SCHEMA, cacheDir })!;
    const rule = yf.value as RuleFile;
    const stem = name.replace(/\.ya?ml$/, '');
    if (rule.id !== stem)
      throw new ConfigError(`rule id "${rule.id}" must equal the file name "${stem}"`, yf.locate('/id'));
    if (seen.has(rule.id))
      throw new ConfigError(`rule id "${rule.id}" is already taken by another policy`, yf.locate('/id'));
    seen.add(rule.id);
    let validate: ValidateFunction;
    try {
      const schema = rule.schema as object;
      validate = compiler.get(cacheKey('rule', JSON.stringify(schema)), () => schema, []);
    } catch (e) {
      throw new ConfigError(
        `rule "${rule.id}": schema does not compile: ${e instanceof Error ? e.message : String(e)}`,
        yf.locate('/schema'),
      );
    }
    out.push(compileRule(rule, file, validate));
    yf.passed();
  }
  return out;
}

function compileRule(rule: RuleFile, file: string, validate: ValidateFunction): Policy<Record<string, never>> {
  const groups = rule.match.apiGroups ? new Set(rule.match.apiGroups) : undefined;
  const matches = (r: Resource): boolean => !groups || groups.has(r.id.group);
  const policy: Policy<Record<string, never>> = {
    meta: {
      id: rule.id,
      title: rule.title,
      defaultSeverity: rule.severity,
      rationale: rule.rationale,
      remediation: rule.remediation,
      kinds: rule.match.kinds,
      docs: rule.docs ?? file,
    },
    defaults: {},
    check(ctx) {
      const out: PolicyFinding[] = [];
      for (const kind of rule.match.kinds) {
        for (const subject of ctx.byKind(kind)) {
          if (!matches(subject) || validate(subject.object)) continue;
          const seen = new Set<string>();
          for (const err of validate.errors ?? []) {
            const { pointer, text } = describeAjvError(err as ErrorObject);
            const at = err.keyword === 'required' ? `${pointer}/${String(err.params['missingProperty'])}` : pointer;
            if (seen.has(at)) continue;
            seen.add(at);
            out.push({ subject, pointer: at, message: rule.message, hint: rule.hint ?? `${at || '/'}: ${text}` });
          }
        }
      }
      return out;
    },
  };
  rulePolicies.add(policy);
  return policy;
}
