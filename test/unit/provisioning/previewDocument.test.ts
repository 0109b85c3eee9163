import assert from 'node:assert/strict';
import { previewObject, sourceFromGraphUser } from '../../../src/mapping/preview';
import { attributeAt, attributeHoverMarkdown, renderPreviewDocument } from '../../../src/provisioning/previewDocument';
import { graphUser, templateSchema } from '../mapping/preview/fixtures';

describe('renderPreviewDocument', () => {
  const result = previewObject(templateSchema('scim'), sourceFromGraphUser(graphUser()), { now: new Date('2025-01-01T00:00:00Z') });
  const doc = renderPreviewDocument({ result, subject: 'Adele Vance (adele.vance@contoso.com)', mapping: 'hr.provisioning.json' });

  it('is valid JSON with the request, scoping, matching and one entry per attribute mapping', () => {
    const parsed = JSON.parse(doc.text) as Record<string, any>;
    assert.equal(parsed.subject, 'Adele Vance (adele.vance@contoso.com)');
    assert.equal(parsed.request.method, 'POST');
    assert.equal(parsed.request.path, '/Users');
    assert.equal(parsed.scoping.inScope, true);
    assert.ok(parsed.matching.length >= 1);
    assert.equal(parsed.attributes.length, result.attributes.length);
    const userName = parsed.attributes.find((a: { targetAttributeName: string }) => a.targetAttributeName === 'userName');
    assert.equal(userName.value, 'adele.vance@contoso.com');
  });

  it('knows which attribute entry an offset falls in', () => {
    const index = result.attributes.findIndex((a) => a.targetAttributeName === 'userName');
    const range = doc.attributeRanges.find((r) => r.index === index)!;
    assert.match(doc.text.slice(range.start, range.end), /^\{\n\s+"targetAttributeName": "userName"/);
    assert.equal(attributeAt(doc, range.start + 5), index);
    assert.equal(attributeAt(doc, 3), undefined);
  });

  it('hovers with the expression, the value and the evaluation trace', () => {
    const displayName = result.attributes.find((a) => a.targetAttributeName === 'displayName')!;
    const markdown = attributeHoverMarkdown(displayName);
    assert.match(markdown, /\*\*displayName\*\* — sent/);
    assert.match(markdown, /```entra-expression\n\[displayName\]\n```/);
    assert.match(markdown, /\*\*Evaluation\*\*/);
    assert.match(markdown, /`\[displayName\]` → `"Adele Vance"`/);
  });
});
