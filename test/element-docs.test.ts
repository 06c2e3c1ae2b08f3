/**
 * docs/elements/ follows the source: each element of custom-elements.json has a page whose
 * generated tables match the manifest (needs `npm run build`, which writes the manifest).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MARKER, elementsOf, pageFor } from '../scripts/element-docs.ts';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const TAGS = ['rt-animated-number', 'rt-connection-status', 'rt-flashing-value', 'rt-price-chart', 'rt-sparkline', 'rt-stat-card'];

describe('custom-elements.json and docs/elements', () => {
  it('describes all six elements with their attributes, parts and CSS custom properties', () => {
    const elements = elementsOf(manifest);
    assert.deepEqual(elements.map(({ element }) => element.tagName).sort(), TAGS);
    for (const { element, modulePath } of elements) {
      assert.match(modulePath, /^dist\/lib\/widgets\/elements\/.+\.component\.js$/);
      assert.ok((element.cssParts ?? []).length > 0, `${element.tagName} has parts`);
      for (const property of element.cssProperties ?? []) assert.match(property.name, /^--rt-[a-z-]+$/, `${element.tagName}: ${property.name}`);
      for (const attribute of element.attributes ?? []) assert.ok(attribute.description, `${element.tagName}[${attribute.name}] is described`);
      if (element.tagName !== 'rt-connection-status') {
        const names = (element.attributes ?? []).map((a) => a.name);
        for (const shared of ['channel', 'field', 'gateway', 'stale-after']) assert.ok(names.includes(shared), `${element.tagName}[${shared}]`);
      }
    }
  });

  it('has an up-to-date page per element (else: npm run docs:elements)', () => {
    for (const { element, modulePath } of elementsOf(manifest)) {
      const url = new URL(`../docs/elements/${element.tagName}.md`, import.meta.url);
      assert.ok(existsSync(url), `docs/elements/${element.tagName}.md`);
      const page = readFileSync(url, 'utf8');
      assert.ok(page.indexOf(MARKER) > 0, 'a hand-written intro above the generated part');
      assert.equal(pageFor(element, modulePath, page), page, `docs/elements/${element.tagName}.md is out of date: npm run docs:elements`);
    }
  });

  it('keeps what is written above the marker', () => {
    const { element, modulePath } = elementsOf(manifest)[0];
    const page = pageFor(element, modulePath, `# Hand-written\n\nKeep me.\n\n${MARKER}\nold tables`);
    assert.match(page, /^# Hand-written\n\nKeep me\.\n\n<!-- Generated/);
    assert.doesNotMatch(page, /old tables/);
  });
});
