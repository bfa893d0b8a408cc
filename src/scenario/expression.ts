/**
 * Expressions of the scenario language, compiled once at load. The text is parsed by the restricted
 * mathjs instance and its tree is checked against an allow-list (numbers, units, + − × ÷ ^, a few
 * functions, the distributions); anything else — assignments, function definitions, property or index
 * access, `import`, `createUnit`, `random` … — is refused with a reason. Distribution calls are replaced
 * by placeholders, so a draw only evaluates the compiled tree with sampled numbers.
 */
import type { MathNode, Unit } from 'mathjs';
import { DISTRIBUTIONS, type DistributionDef } from './distributions.js';
import { MAX_EXPRESSION_LENGTH } from './schema.js';
import { isUnit, math, parse, type Quantity } from './units.js';

/** Deepest bracket nesting accepted before parsing, and deepest expression tree after. */
const MAX_BRACKET_DEPTH = 12;
const MAX_TREE_DEPTH = 40;

/** Functions allowed in expressions besides the distributions. */
export const ALLOWED_FUNCTIONS = ['abs', 'sqrt', 'exp', 'log', 'log10', 'min', 'max', 'round', 'floor', 'ceil'] as const;
const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow']);

/** One distribution call of an expression, with its parameters evaluated at load. */
export interface DistributionCall {
  readonly name: string;
  readonly def: DistributionDef;
  /** Parameters as numbers in `unit` (dimensionless ones as plain numbers). */
  readonly params: readonly number[];
  /** Units of the drawn value (those of the first parameter), or null for a plain number. */
  readonly unit: string | null;
}

/** A compiled expression: its central value and an evaluator for sampled distribution values. */
export interface CompiledExpression {
  readonly text: string;
  readonly calls: readonly DistributionCall[];
  /** Value with every distribution at its central value (draw 0). */
  readonly central: Quantity;
  /** Value with call i replaced by samples[i] (in that call's unit). Throws on arithmetic errors. */
  evaluate(samples: readonly number[]): Quantity;
}

/** Compiles a number or an expression; returns the reason as a string when it is not acceptable. */
export function compileExpression(input: number | string): CompiledExpression | string {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return 'not a finite number';
    return { text: String(input), calls: [], central: input, evaluate: () => input };
  }
  const text = input.trim();
  if (text === '') return 'empty';
  if (text.length > MAX_EXPRESSION_LENGTH) return `expression too long (${text.length} characters; at most ${MAX_EXPRESSION_LENGTH})`;
  if (bracketDepth(text) > MAX_BRACKET_DEPTH) return `brackets nested too deeply (at most ${MAX_BRACKET_DEPTH} levels)`;
  let tree: MathNode;
  try {
    tree = parse(percentToFraction(text));
  } catch (e) {
    const unbalanced = (text.match(/\(/g) ?? []).length !== (text.match(/\)/g) ?? []).length;
    const hint = unbalanced ? ' (inside {…} or […], quote an expression that contains commas)' : '';
    return `cannot parse it: ${(e as Error).message}${hint}`;
  }
  const calls: MathNode[] = [];
  const problem = checkNode(tree, 0, calls, false);
  if (problem) return problem;
  const compiledCalls: DistributionCall[] = [];
  for (const node of calls) {
    const call = compileCall(node);
    if (typeof call === 'string') return call;
    compiledCalls.push(call);
  }
  const names = new Map(calls.map((node, i) => [node, `__d${i}`]));
  const placeheld = tree.transform((node) => {
    const name = names.get(node);
    return name ? new math.SymbolNode(name) : node;
  });
  const code = placeheld.compile();
  const scopeOf = (samples: readonly number[]): Record<string, Quantity> => {
    const scope: Record<string, Quantity> = {};
    compiledCalls.forEach((c, i) => (scope[`__d${i}`] = c.unit ? math.unit(samples[i], c.unit) : samples[i]));
    return scope;
  };
  const evaluate = (samples: readonly number[]): Quantity => asQuantity(code.evaluate(scopeOf(samples)));
  let central: Quantity;
  try {
    central = evaluate(compiledCalls.map((c) => c.def.central(c.params)));
  } catch (e) {
    return `cannot evaluate it: ${(e as Error).message}`;
  }
  if (typeof central === 'number' && !Number.isFinite(central)) return 'it is not a finite number';
  if (isUnit(central) && !Number.isFinite(central.toNumber())) return 'it is not a finite number';
  return { text, calls: compiledCalls, central, evaluate };
}

/** mathjs reads `a + 10%` as a 10 % increase of a; the scenario language means plain 0.1: rewrite `N%` as `(N/100)`. */
function percentToFraction(text: string): string {
  return text.replace(/(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)\s*%(?!\s*[\d.(])/g, '($1/100)');
}

function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return max;
}

function asQuantity(v: unknown): Quantity {
  if (typeof v === 'number' || isUnit(v)) return v;
  throw new Error(`not a real number (${typeof v === 'object' && v !== null ? (v as { type?: string }).type ?? 'object' : typeof v})`);
}

/** Checks a node against the allow-list, collecting distribution calls in tree order; returns a reason or null. */
function checkNode(node: MathNode, depth: number, calls: MathNode[], insideCall: boolean): string | null {
  if (depth > MAX_TREE_DEPTH) return `expression nested too deeply (at most ${MAX_TREE_DEPTH} levels)`;
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode':
      return typeof n.value === 'number' ? null : `only numbers are allowed, not ${JSON.stringify(n.value)}`;
    case 'SymbolNode': {
      const name = n.name as string;
      if (name === 'random' || name === 'pickRandom' || name === 'randomInt') return `"${name}" is not allowed (not reproducible); use a distribution such as uniform(a, b)`;
      if (!(name in math) && math.Unit.isValuelessUnit(name)) return null;
      return name in math ? `"${name}" is not allowed here` : `unknown unit or name "${name}"`;
    }
    case 'ParenthesisNode':
      return checkNode(n.content as MathNode, depth + 1, calls, insideCall);
    case 'OperatorNode': {
      if (!OPERATORS.has(n.fn as string)) return `operator "${n.op as string}" is not allowed (only + - * / ^)`;
      for (const arg of n.args as MathNode[]) {
        const p = checkNode(arg, depth + 1, calls, insideCall);
        if (p) return p;
      }
      return null;
    }
    case 'FunctionNode': {
      const fn = n.fn as MathNode & { name?: string };
      if (fn.type !== 'SymbolNode') return 'calling a computed function is not allowed';
      const name = fn.name as string;
      const isDistribution = Object.prototype.hasOwnProperty.call(DISTRIBUTIONS, name);
      if (!isDistribution && !(ALLOWED_FUNCTIONS as readonly string[]).includes(name)) {
        if (name === 'random' || name === 'randomInt' || name === 'pickRandom') return `"${name}()" is not allowed (not reproducible); use a distribution such as uniform(a, b)`;
        return `function "${name}" is not allowed (allowed: ${[...ALLOWED_FUNCTIONS, ...Object.keys(DISTRIBUTIONS)].join(', ')})`;
      }
      if (isDistribution) {
        if (insideCall) return `a distribution cannot take another distribution as a parameter (in ${name}())`;
        calls.push(node);
      }
      for (const arg of n.args as MathNode[]) {
        const p = checkNode(arg, depth + 1, calls, insideCall || isDistribution);
        if (p) return p;
      }
      return null;
    }
    case 'AssignmentNode':
      return 'assignments are not allowed';
    case 'FunctionAssignmentNode':
      return 'function definitions are not allowed';
    case 'AccessorNode':
    case 'IndexNode':
      return 'property and index access are not allowed';
    default:
      return `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed (only numbers, units, + - * / ^ and functions)`;
  }
}

/** Evaluates a distribution call's parameters (constants) into numbers in one common unit. */
function compileCall(node: MathNode): DistributionCall | string {
  const n = node as MathNode & { fn: { name: string }; args: MathNode[] };
  const name = n.fn.name;
  const def = DISTRIBUTIONS[name];
  if (n.args.length !== def.arity) return `${name}() takes ${def.arity} parameters (${def.params}), got ${n.args.length}`;
  let values: Quantity[];
  try {
    values = n.args.map((a) => asQuantity(a.compile().evaluate({})));
  } catch (e) {
    return `cannot evaluate the parameters of ${name}(): ${(e as Error).message}`;
  }
  const first = values.find((v, i) => !def.dimensionless.includes(i) && isUnit(v)) as Unit | undefined;
  const unit = first ? first.formatUnits() : null;
  const params: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (def.dimensionless.includes(i)) {
      if (isUnit(v)) return `parameter ${i + 1} of ${name}() must be a plain number`;
      params.push(v);
    } else if (unit === null) {
      params.push(v as number);
    } else if (!isUnit(v) || !v.equalBase(first as Unit)) {
      return `the parameters of ${name}() must all have the same kind of units (${unit})`;
    } else {
      params.push(v.toNumber(unit));
    }
  }
  if (!params.every(Number.isFinite)) return `the parameters of ${name}() must be finite numbers`;
  const problem = def.check(params);
  return problem ? `${name}(${def.params}): ${problem}` : { name, def, params, unit };
}
