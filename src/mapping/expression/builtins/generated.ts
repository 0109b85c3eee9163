// Functions whose result is invented rather than computed: Guid, RandomString, DefaultDomain. Randomness comes from
// the context's `random` so tests and previews can make it repeatable (seededRandom).
import { integer, scalar, type Call, type FunctionImpl } from './call';

/** A small, fast, seedable generator (mulberry32): uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = '0123456789';
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
/** The "special characters" of Windows' password complexity rule. */
export const SPECIAL_CHARACTERS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';
export const RANDOM_STRING_MAX_LENGTH = 256;

function pick(random: () => number, from: string): string {
  return from[Math.min(from.length - 1, Math.floor(random() * from.length))]!;
}

function randomString(call: Call): string {
  const names = ['Length', 'MinimumNumbers', 'MinimumSpecialCharacters', 'MinimumCapital', 'MinimumLowerCase'];
  const [length, numbers, special, capital, lower] = names.map((name, i) => {
    const n = integer(call, i);
    if (n < 0) call.fail('out-of-range', `RandomString: ${name} must not be negative`, i);
    return n;
  }) as [number, number, number, number, number];
  if (length > RANDOM_STRING_MAX_LENGTH) return call.fail('out-of-range', `RandomString: Length is at most ${RANDOM_STRING_MAX_LENGTH}`, 0);
  if (numbers + special + capital + lower > length) {
    return call.fail('out-of-range', 'RandomString: Length must be at least the sum of the minimums', call.node.span);
  }
  const avoid = new Set([...(call.has(5) ? scalar(call, 5) ?? '' : '')]);
  const keep = (set: string) => [...set].filter((c) => !avoid.has(c)).join('');
  const pools: [string, number, string][] = [
    [keep(DIGITS), numbers, 'MinimumNumbers'],
    [keep(SPECIAL_CHARACTERS), special, 'MinimumSpecialCharacters'],
    [keep(CAPITALS), capital, 'MinimumCapital'],
    [keep(LOWER), lower, 'MinimumLowerCase'],
  ];
  const random = call.context.random;
  const chars: string[] = [];
  pools.forEach(([pool, min, name], i) => {
    if (min > 0 && pool === '') call.fail('out-of-range', `RandomString: CharactersToAvoid leaves nothing for ${name}`, i + 1);
    for (let k = 0; k < min; k++) chars.push(pick(random, pool));
  });
  const all = pools.map(([pool]) => pool).join('');
  if (chars.length < length && all === '') return call.fail('out-of-range', 'RandomString: CharactersToAvoid excludes every character', 5);
  while (chars.length < length) chars.push(pick(random, all));
  // Fisher–Yates, so the required characters aren't always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** A version 4 GUID from the context's random source, lower-case 8-4-4-4-12. */
function guid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const GENERATED_FUNCTIONS: Record<string, FunctionImpl> = {
  Guid(call) {
    return guid(call.context.random);
  },

  RandomString(call) {
    return randomString(call);
  },

  DefaultDomain(call) {
    const domain = call.context.defaultDomain;
    if (!domain) return call.fail('missing-context', "DefaultDomain: the tenant's default domain is not known here (set defaultDomain in the evaluation context)", call.node.span);
    return domain;
  },
};
