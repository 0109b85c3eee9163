import assert from 'node:assert/strict';
import { checkExpression, parse } from '../../../../src/mapping/expression';

function check(text: string): [string, string, string][] {
  return checkExpression(parse(text)).map((d) => [d.code, d.severity, text.slice(d.span.start, d.span.end)]);
}

describe('mapping expressions: semantic check', () => {
  it('finds nothing wrong with the documented examples', () => {
    for (const text of [
      'Replace([preferredLanguage], "-", , , "_", ,  )',
      'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")',
      'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
      'FormatDateTime([extensionAttribute1], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
      'InStr("repEated","e",3,vbBinaryCompare)',
      'SelectUniqueValue(Join("@", [a], "x"), Join("@", [b], "x"))',
      'BitAnd(&HF, &HF7)',
    ]) {
      assert.deepEqual(check(text), [], text);
    }
  });

  it('reports unknown functions and wrongly cased names with a suggestion', () => {
    assert.deepEqual(check('AppendSeparator([a], "x")'), [['unknown-function', 'error', 'AppendSeparator']]);
    const [d] = checkExpression(parse('toLower([a])'));
    assert.equal(d!.code, 'function-name-case');
    assert.equal(d!.suggestion, 'ToLower');
  });

  it('reports argument counts over the call and empty required slots at the slot', () => {
    assert.deepEqual(check('Mid([a], 1)'), [['wrong-argument-count', 'error', 'Mid([a], 1)']]);
    assert.deepEqual(check('Switch([a], "d", "k")'), [['wrong-argument-count', 'error', 'Switch([a], "d", "k")']]);
    assert.deepEqual(check('Mid([a], , 3)'), [['missing-argument', 'error', ' ']]);
    assert.deepEqual(check('Mid([a],, 3)'), [['missing-argument', 'error', ',']]);
  });

  it('reports bare words outside enum parameters and unknown enum words', () => {
    assert.deepEqual(check('Append(mail, "x")'), [['bare-word', 'error', 'mail']]);
    assert.deepEqual(check('InStr("a", "b", 1, vbSometimes)'), [['unknown-enum-value', 'error', 'vbSometimes']]);
    assert.deepEqual(check('ConvertFromBase64("eA==", UTF8)'), [['cloud-sync-function', 'warning', 'ConvertFromBase64']]);
  });

  it('warns about Cloud Sync functions and rejects nested SelectUniqueValue', () => {
    assert.deepEqual(check('Trim([a])'), [['cloud-sync-function', 'warning', 'Trim']]);
    assert.deepEqual(check('ToLower(SelectUniqueValue("a", "b"))'), [['not-top-level', 'error', 'SelectUniqueValue']]);
  });

  it('checks literal regexes, date formats, styles and intervals', () => {
    assert.deepEqual(check('Replace([a], , "(", , "x", , )'), [['invalid-regex', 'error', '"("']]);
    assert.deepEqual(check('FormatDateTime([a], , "q", "yyyy")'), [['invalid-date-format', 'error', '"q"']]);
    assert.deepEqual(check('FormatDateTime([a], "Whenever", "yyyy", "yyyy")'), [['invalid-date-format', 'error', '"Whenever"']]);
    assert.deepEqual(check('DateAdd("days", 1, Now())'), [['invalid-interval', 'error', '"days"']]);
  });

  it('still checks the calls inside a broken expression', () => {
    assert.deepEqual(check('Join(", " Foo([a])'), [['unknown-function', 'error', 'Foo']]);
  });
});
