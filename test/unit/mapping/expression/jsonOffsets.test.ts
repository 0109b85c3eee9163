import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableOffsets } from '../../../../src/mapping/expression/jsonOffsets';
import { mapJsonStringOffsets, parse, type CallNode } from '../../../../src/mapping/expression';

describe('mapping expressions: offsets inside JSON string literals', () => {
  it('decodes the literal and maps expression offsets into it across \\" escapes', () => {
    const expression = 'Replace([x], "-", , , "_", , )';
    const raw = JSON.stringify(expression); // "Replace([x], \"-\", , , \"_\", , )"
    const map = mapJsonStringOffsets(raw);
    assert.equal(map.value, expression);
    assert.equal(map.valid, true);
    assert.equal(map.contentStart, 1);
    // The "_" string literal: expression offsets → raw offsets cover `\"_\"`.
    const call = parse(map.value).root as CallNode;
    const underscore = call.args[4]!.span;
    assert.equal(raw.slice(map.toRaw(underscore.start), map.toRaw(underscore.end)), '\\"_\\"');
    assert.equal(map.toRaw(0), 1);
    assert.equal(map.toRaw(expression.length), raw.length - 1);
  });

  it('handles \\\\, \\n, \\t, \\/ and \\u escapes (including surrogate pairs)', () => {
    const raw = String.raw`"a\\b\nc\u00e9\/\ud83d\ude00z"`;
    const map = mapJsonStringOffsets(raw);
    assert.equal(map.value, 'a\\b\nc\u00e9/\ud83d\ude00z');
    assert.equal(map.value, JSON.parse(raw));
    const expected = [1, 2, 4, 5, 7, 8, 14, 16, 22, 28, 29];
    assert.deepEqual(Array.from({ length: map.value.length + 1 }, (_, i) => map.toRaw(i)), expected);
    // Every raw offset inside an escape maps to the character it produces.
    assert.equal(map.toValue(9), 5); // inside \u00e9
    assert.equal(map.toValue(13), 5);
    assert.equal(map.toValue(14), 6);
    assert.equal(map.toValue(0), 0); // the opening quote
    assert.equal(map.toValue(raw.length - 1), map.value.length); // the closing quote
    assert.equal(map.toValue(raw.length + 5), map.value.length);
  });

  it('round-trips every offset: toValue(toRaw(i)) = i', () => {
    const raw = JSON.stringify('Join("\\u00e9", [givenName], "\t\n")');
    const map = mapJsonStringOffsets(raw);
    for (let i = 0; i <= map.value.length; i++) assert.equal(map.toValue(map.toRaw(i)), i);
  });

  it('accepts content without quotes and flags broken literals', () => {
    const bare = mapJsonStringOffsets('a\\"b');
    assert.equal(bare.value, 'a"b');
    assert.equal(bare.contentStart, 0);
    assert.equal(bare.toRaw(2), 3);
    assert.equal(mapJsonStringOffsets('"unterminated').valid, false);
    assert.equal(mapJsonStringOffsets('"bad \\x escape"').valid, false);
    assert.equal(mapJsonStringOffsets('"bad \\x escape"').value, 'bad \\x escape');
    assert.equal(mapJsonStringOffsets('""').value, '');
    assert.equal(mapJsonStringOffsets('""').toRaw(0), 1);
  });

  it('answers like the general table decoder on any literal, clean or broken (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'Z', ' ', '[', ']', '(', ',', 'é', '😀', '\\"', '\\\\', '\\n', '\\/', '\\u00e9', '\\u12', '\\x', '"', '\\'),
      fc.string({ maxLength: 3 }),
    );
    const literal = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 30 }), fc.boolean())
      .map(([open, parts, close]) => `${open ? '"' : ''}${parts.join('')}${close ? '"' : ''}`);
    fc.assert(
      fc.property(literal, (raw) => {
        const fast = mapJsonStringOffsets(raw);
        const table = tableOffsets(raw);
        assert.equal(fast.value, table.value);
        assert.equal(fast.valid, table.valid);
        assert.equal(fast.contentStart, table.contentStart);
        for (let v = 0; v <= fast.value.length + 1; v++) assert.equal(fast.toRaw(v), table.toRaw(v), `toRaw(${v}) of ${raw}`);
        for (let r = 0; r <= raw.length + 1; r++) assert.equal(fast.toValue(r), table.toValue(r), `toValue(${r}) of ${raw}`);
      }),
      { numRuns: 3000 },
    );
  });
});
