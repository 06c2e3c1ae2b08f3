/**
 * docs/elements/<tag>.md from custom-elements.json (`npm run docs:elements`): attributes,
 * properties, events, parts and CSS custom properties as tables below a marker line. What is
 * above the marker (the intro and the example) is hand-written and kept. `--check` only reports
 * pages that are out of date (exit 1), for the test that keeps them honest.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER = '<!-- Generated from custom-elements.json by `npm run docs:elements`; edit above this line only. -->';

interface Described { name: string; description?: string; type?: { text: string }; default?: string }
interface Attribute extends Described { fieldName?: string }
interface Member extends Described {
  kind: 'field' | 'method'; static?: boolean; privacy?: string; attribute?: string; parameters?: { name: string }[];
}
interface Declaration {
  name: string; tagName?: string; customElement?: boolean; description?: string;
  attributes?: Attribute[]; members?: Member[]; events?: Described[]; cssParts?: Described[]; cssProperties?: Described[];
}
interface Manifest { modules: { path: string; declarations?: Declaration[] }[] }

const cell = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string | undefined) => (text ? `\`${cell(text).replace(/`/g, "'")}\`` : '');

function table(headers: string[], rows: string[][], none: string): string {
  if (rows.length === 0) return `${none}\n`;
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

/** The generated half of one element's page. */
export function generatedSection(element: Declaration, modulePath: string): string {
  const members = (element.members ?? []).filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'));
  const fieldByName = new Map(members.map((m) => [m.name, m]));
  const attributes = (element.attributes ?? []).map((a) => {
    const field = a.fieldName ? fieldByName.get(a.fieldName) : undefined;
    return [code(a.name), code(a.fieldName), code(a.type?.text ?? field?.type?.text), code(a.default ?? field?.default), cell(a.description ?? field?.description)];
  });
  const properties = members.filter((m) => m.kind === 'field' && !m.static)
    .map((m) => [code(m.name), code(m.attribute), code(m.type?.text), code(m.default), cell(m.description)]);
  const methods = members.filter((m) => m.kind === 'method' && !m.static).map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), cell(m.description)]);
  const statics = members.filter((m) => m.static).map((m) => [code(`${element.name}.${m.name}`), cell(m.description)]);
  return [
    MARKER,
    '',
    `Class \`${element.name}\`, module \`${modulePath}\`.`,
    '',
    '## Attributes',
    '',
    table(['Attribute', 'Property', 'Type', 'Default', 'Description'], attributes, 'None.'),
    '## Properties',
    '',
    table(['Property', 'Attribute', 'Type', 'Default', 'Description'], properties, 'None.'),
    '## Methods',
    '',
    table(['Method', 'Description'], methods, 'None.'),
    '## Static hooks',
    '',
    table(['Member', 'Description'], statics, 'None.'),
    '## Events',
    '',
    table(['Event', 'Description'], (element.events ?? []).map((e) => [code(e.name), cell(e.description)]),
      'None: the element reports through its attributes (`stale`, `direction`, `flash`, `trend`, `state`) and the connection manager\'s events.'),
    '## CSS parts',
    '',
    table(['Part', 'Description'], (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]), 'None.'),
    '## CSS custom properties',
    '',
    table(['Property', 'Description'], (element.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)]), 'None.'),
  ].join('\n');
}

export function elementsOf(manifest: Manifest): { element: Declaration; modulePath: string }[] {
  return manifest.modules.flatMap((module) => (module.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((element) => ({ element, modulePath: module.path })));
}

/** The whole page: the hand-written part of `existing` (or a stub) and a fresh generated part. */
export function pageFor(element: Declaration, modulePath: string, existing: string | undefined): string {
  const handWritten = existing?.includes(MARKER)
    ? existing.slice(0, existing.indexOf(MARKER))
    : `# <${element.tagName}>\n\n${element.description ?? ''}\n\n`;
  return `${handWritten}${generatedSection(element, modulePath)}`;
}

function main(): void {
  const root = process.cwd();
  const manifestPath = join(root, 'custom-elements.json');
  if (!existsSync(manifestPath)) throw new Error('custom-elements.json is missing: run `npm run build:manifest` first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const check = process.argv.includes('--check');
  const dir = join(root, 'docs', 'elements');
  mkdirSync(dir, { recursive: true });
  const stale: string[] = [];
  for (const { element, modulePath } of elementsOf(manifest)) {
    const path = join(dir, `${element.tagName}.md`);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const page = pageFor(element, modulePath, existing);
    if (page === existing) continue;
    if (check) stale.push(path);
    else writeFileSync(path, page);
  }
  if (stale.length > 0) {
    console.error(`out of date (run npm run docs:elements): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
