// `x-kubernetes-validations` rules evaluated with @bufbuild/cel. Only `self` is bound: offline there is no
// previous object, so rules that read `oldSelf` (transition rules) are skipped and reported as such.

import { problem } from '../../codes/index.js';
import { createRequire } from 'node:module';
import type { Finding, JsonValue, Resource } from '../../core/resource.js';
import { escapePointer, isObject, parsePointer } from '../../core/resource.js';
import type { CelRule, CelRuleSet } from '../../schemas/convert.js';
import { CelVerdicts, type Outcome } from './cel-verdicts.js';

const require = createRequire(import.meta.url);

type CelModule = typeof import('@bufbuild/cel');
type CelFunc = import('@bufbuild/cel').CelFunc;
type Program = (ctx: { self: unknown }) => unknown;

export interface SkippedCelRule {
  /** `<apiVersion>/<Kind>` the rule belongs to. */
  kind: string;
  /** Pointer pattern of the value the rule is attached to. */
  path: string;
  rule: string;
  reason: string;
}

interface RuleSet {
  path: string;
  segments: string[];
  /** The rules this engine can evaluate (not oldSelf ones). */
  rules: CelRule[];
  /** Planned programs, or why a rule does not compile; filled on the first value that is not cached. */
  programs?: (Program | string)[];
}

let cel: { mod: CelModule; env: ReturnType<CelModule['celEnv']> } | undefined;

/** @bufbuild/cel pulls in the protobuf runtime (~50 ms); load it only when a verdict is not cached. */
function celRuntime(): { mod: CelModule; env: ReturnType<CelModule['celEnv']> } {
  if (!cel) {
    const mod = require('@bufbuild/cel') as CelModule;
    const ext = require('@bufbuild/cel/ext') as { strings: CelFunc[] };
    cel = { mod, env: mod.celEnv({ funcs: ext.strings }) };
  }
  return cel;
}

const OLD_SELF = /\boldSelf\b/;

export class CelRules {
  private readonly sets: RuleSet[] = [];

  constructor(
    readonly kind: string,
    ruleSets: readonly CelRuleSet[],
    private readonly skipped: Map<string, SkippedCelRule>,
    private readonly verdicts: CelVerdicts = new CelVerdicts(undefined, ''),
  ) {
    const candidates: RuleSet[] = [];
    for (const set of ruleSets) {
      const rules: CelRule[] = [];
      for (const rule of set.rules) {
        if (OLD_SELF.test(rule.rule))
          this.skip(set.path, rule.rule, 'uses oldSelf (a transition rule needs the object already in the cluster)');
        else rules.push(rule);
      }
      if (rules.length > 0) candidates.push({ path: set.path, segments: parsePointer(set.path), rules });
    }
    // Which rules compile is remembered with the verdicts, so a fully cached kind never loads the runtime.
    let compile = this.verdicts.compile;
    if (
      !compile ||
      compile.length !== candidates.length ||
      compile.some((c, i) => c.length !== candidates[i].rules.length)
    ) {
      compile = candidates.map((set) => this.programs(set).map((p) => (typeof p === 'string' ? p : null)));
      this.verdicts.compile = compile;
    }
    candidates.forEach((set, i) => {
      const errors = compile[i];
      set.rules.forEach((rule, j) => {
        if (errors[j]) this.skip(set.path, rule.rule, errors[j]);
      });
      if (errors.some((e) => e === null)) this.sets.push(set);
    });
  }

  get empty(): boolean {
    return this.sets.length === 0;
  }

  evaluate(resource: Resource): Finding[] {
    const findings: Finding[] = [];
    this.sets.forEach((set, index) => {
      for (const { pointer, value } of valuesAt(resource.object, set.segments)) {
        let outcomes = this.verdicts.get(index, value);
        if (!outcomes || outcomes.length !== set.rules.length) {
          outcomes = this.judge(set, value);
          this.verdicts.set(index, value, outcomes);
        }
        outcomes.forEach((outcome, j) => {
          const rule = set.rules[j];
          if (outcome === true) return;
          if (typeof outcome === 'string') {
            // A rule that does not compile was reported when the kind was loaded.
            if (!outcome.startsWith('does not compile')) this.skip(set.path, rule.rule, outcome);
            return;
          }
          findings.push({
            ...problem('schema/cel', {
              rule: rule.rule,
              ...(rule.message !== undefined ? { ruleMessage: rule.message } : {}),
            }),
            pointer: pointer + fieldPathPointer(rule.fieldPath),
            subject: resource,
          });
        });
      }
    });
    return findings;
  }

  /** Write the verdicts learned in this run. */
  flush(): void {
    this.verdicts.flush();
  }

  private programs(set: RuleSet): (Program | string)[] {
    set.programs ??= set.rules.map((rule) => {
      try {
        const { mod, env } = celRuntime();
        return mod.plan(env, mod.parse(rule.rule)) as unknown as Program;
      } catch (e) {
        return `does not compile: ${firstLine(e)}`;
      }
    });
    return set.programs;
  }

  private judge(set: RuleSet, value: JsonValue): Outcome[] {
    const self = toCel(value);
    return this.programs(set).map((program) => {
      if (typeof program === 'string') return program;
      const result = program({ self });
      return typeof result === 'boolean' ? result : `could not be evaluated: ${firstLine(result)}`;
    });
  }

  private skip(path: string, rule: string, reason: string): void {
    const key = `${this.kind}\u0000${path}\u0000${rule}`;
    if (!this.skipped.has(key)) this.skipped.set(key, { kind: this.kind, path, rule, reason });
  }
}

/** Every value matching a pointer pattern (`*` = each list item or map value), with its concrete pointer. */
function valuesAt(root: JsonValue, segments: string[]): { pointer: string; value: JsonValue }[] {
  let current: { pointer: string; value: JsonValue }[] = [{ pointer: '', value: root }];
  for (const seg of segments) {
    const next: { pointer: string; value: JsonValue }[] = [];
    for (const { pointer, value } of current) {
      if (seg === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ pointer: `${pointer}/${i}`, value: v }));
        else if (isObject(value))
          for (const [k, v] of Object.entries(value))
            next.push({ pointer: `${pointer}/${escapePointer(k)}`, value: v });
      } else if (isObject(value) && value[seg] !== undefined) {
        next.push({ pointer: `${pointer}/${escapePointer(seg)}`, value: value[seg]! });
      }
    }
    current = next;
  }
  return current.filter((c) => c.value !== null);
}

/** JSON → CEL input: objects become maps and whole numbers CEL ints, as the API server binds them. */
function toCel(v: JsonValue): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (isObject(v)) return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

/** `.spec.foo` or `.foo['bar.baz']` → pointer suffix; anything fancier is ignored (the rule's node is blamed). */
function fieldPathPointer(fieldPath: string | undefined): string {
  if (!fieldPath) return '';
  const segs: string[] = [];
  const re = /\.([A-Za-z_][\w-]*)|\['([^']*)'\]|\[(\d+)\]/y;
  let at = 0;
  while (at < fieldPath.length) {
    re.lastIndex = at;
    const m = re.exec(fieldPath);
    if (!m) return '';
    segs.push(m[1] ?? m[2] ?? m[3]);
    at = re.lastIndex;
  }
  return segs.map((s) => `/${escapePointer(s)}`).join('');
}

function firstLine(e: unknown): string {
  const msg =
    e instanceof Error
      ? e.message
      : typeof e === 'object' && e !== null && 'message' in e
        ? String(e.message)
        : String(e);
  return msg.split('\n')[0].slice(0, 200);
}
