/**
 * What stories share: an element made from args (attribute names, as in custom-elements.json),
 * a scripted gateway per story, and readers of what an element shows inside its shadow root.
 */
import { ScriptedGateway, type GatewayScript } from './scripted-gateway.ts';

export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** `<tag attr=…>`: strings and numbers as attributes, true as an empty attribute; empty values left out. */
export function element<T extends HTMLElement = HTMLElement>(tag: string, attributes: Attributes = {}): T {
  const made = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    made.setAttribute(name, value === true ? '' : String(value));
  }
  return made;
}

/** Elements side by side. */
export function row(...nodes: Node[]): HTMLElement {
  const made = document.createElement('div');
  made.style.cssText = 'display:flex;flex-wrap:wrap;gap:1.5rem;align-items:center';
  made.append(...nodes);
  return made;
}

/** A row of elements on a story's own gateway (stopped when the story is left). */
export function scene(script: GatewayScript, build: (gateway: ScriptedGateway) => Node[]): HTMLElement {
  return row(...build(new ScriptedGateway(script)));
}

/** The text of `[part=name]` in an element's shadow root, trimmed ('' when absent). */
export function partText(host: Element | null, name: string): string {
  return host?.shadowRoot?.querySelector(`[part="${name}"]`)?.textContent?.trim() ?? '';
}

export function part(host: Element | null, name: string): Element | null {
  return host?.shadowRoot?.querySelector(`[part="${name}"]`) ?? null;
}

export function one<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
